package io.workbench.kernel.jshell;

import io.workbench.ext.cluster.ClosureCheck;
import io.workbench.ext.cluster.ClosureCheckException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On a cluster, refuses a snippet before it runs when a Spark function in it (or a cell method it calls) reads a
 * JShell variable on the executors: a JShell variable is a static field of its snippet's wrapper class, which
 * executors load with the field at its default, so the function would compute a silently wrong result. The
 * refusal names each variable with the cell that declares it and the cell line that reads it, and says what to
 * write instead: a real local (in a block, or a method parameter), which the function captures and Spark ships
 * with it. A JShell variable is never a local, even when declared in the same cell.
 *
 * <p>On a local master the executors share the driver's JVM and its static fields, so nothing is checked.
 * Called on the shell thread, one snippet at a time.
 */
final class ClusterGuard {
    /** JShell names a snippet's wrapper class after the snippet's id: {@code REPL.$JShell$12}, nested types below it. */
    private static final Pattern WRAPPER = Pattern.compile("\\$JShell\\$(\\d+)");

    private final SnippetLoader loader;
    private final Map<String, CellEvaluator.Origin> origins;
    private final String master;

    /** @param master the cluster's master URL, for the message */
    ClusterGuard(SnippetLoader loader, Map<String, CellEvaluator.Origin> origins, String master) {
        this.loader = loader;
        this.origins = origins;
        this.master = master;
    }

    /**
     * Checks what the snippet's {@code do_it$} reaches.
     *
     * @throws ClosureCheckException if executor code reads a JShell variable (or another static field a cell set)
     */
    void check(Class<?> wrapper) {
        ClosureCheck check = new ClosureCheck(n -> loader.snippetBytes(n.replace('/', '.')), loader);
        List<ClosureCheck.DriverRead> reads = check.check(wrapper.getName().replace('.', '/'), "do_it$");
        if (reads.isEmpty()) {
            return;
        }
        Map<String, ClosureCheck.DriverRead> variables = new LinkedHashMap<>();
        reads.forEach(r -> variables.putIfAbsent(r.field(), r));
        StringBuilder m = new StringBuilder();
        boolean one = variables.size() == 1;
        m.append("This cell was not run: on the cluster (").append(master).append("), a Spark function in it reads ")
                .append(one ? "the cell variable " : "the cell variables ");
        List<String> names = new ArrayList<>();
        for (ClosureCheck.DriverRead r : variables.values()) {
            String declared = cellOf(r.owner());
            names.add("`" + r.field() + "`" + (declared == null ? "" : " (declared in cell " + declared + ")"));
        }
        m.append(String.join(", ", names)).append(". Spark runs that function on executors, other JVMs, where ")
                .append(one ? "a cell variable is " : "cell variables are ")
                .append("not the driver's value but ");
        m.append(variables.values().stream().map(r -> "`" + r.field() + "` = " + r.executorValue()).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("")).append(": the result would be silently wrong. ");
        ClosureCheck.DriverRead first = variables.values().iterator().next();
        String name = first.field();
        String type = simpleType(first);
        m.append("Spark ships only what a function captures, and a cell variable is not captured. Hand the value in"
                + " as a local: wrap this cell's code in a block that copies it, `{ ").append(type).append(" ").append(name)
                .append("Local = ").append(name).append("; … use ").append(name).append("Local in the function … }`, or"
                + " build the function in a method that takes it as a parameter, `… f(").append(type).append(" ")
                .append(name).append(") { return x -> … ").append(name).append(" …; }` called with `f(").append(name)
                .append(")`.");
        List<StackTraceElement> frames = new ArrayList<>();
        for (ClosureCheck.DriverRead r : reads) {
            String id = snippetId(r.readerClass());
            frames.add(new StackTraceElement(r.readerClass().replace('/', '.'), r.readerMethod(),
                    id == null ? r.readerSource() : "#" + id, r.line()));
        }
        throw new ClosureCheckException(m.toString(), reads, frames.toArray(StackTraceElement[]::new));
    }

    private static String simpleType(ClosureCheck.DriverRead r) {
        String type = r.typeName();
        return type.startsWith("java.lang.") || !type.contains(".") ? type.substring(type.lastIndexOf('.') + 1) : "var";
    }

    /** The snippet id of a wrapper class or a type nested in it, or null. */
    private static String snippetId(String internalName) {
        Matcher matcher = WRAPPER.matcher(internalName);
        return matcher.find() ? matcher.group(1) : null;
    }

    private String cellOf(String internalName) {
        String id = snippetId(internalName);
        CellEvaluator.Origin o = id == null ? null : origins.get(id);
        return o == null || "preload".equals(o.cell()) ? null : o.cell();
    }
}
