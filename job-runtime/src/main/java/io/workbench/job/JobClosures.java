package io.workbench.job;

import io.workbench.ext.cluster.ClosureCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before a job starts Spark on a cluster: refuses it when a Spark function of the job reads one of the job class's
 * static fields (the notebook's top-level variables become those) on the executors, where the field holds its
 * default instead of what {@code main} set, so the result would be silently wrong. The job's own classes are its
 * class and the classes nested in it; the check starts at its {@code main}.
 */
final class JobClosures {
    private JobClosures() {
    }

    /** @throws InvalidRunException naming each field, the line that reads it and what to write instead */
    static void check(Class<?> jobClass, String master) {
        String own = jobClass.getName().replace('.', '/');
        ClassLoader loader = jobClass.getClassLoader();
        ClosureCheck check = new ClosureCheck(n -> n.equals(own) || n.startsWith(own + "$") ? bytes(loader, n) : null, loader);
        List<ClosureCheck.DriverRead> reads = check.check(own, "main");
        if (reads.isEmpty()) {
            return;
        }
        Map<String, ClosureCheck.DriverRead> fields = new LinkedHashMap<>();
        reads.forEach(r -> fields.putIfAbsent(r.field(), r));
        StringBuilder m = new StringBuilder("This job cannot run on the cluster (" + master + "): a Spark function reads ");
        m.append(fields.size() == 1 ? "the notebook variable " : "the notebook variables ");
        m.append(String.join(", ", fields.values().stream().map(r -> "`" + r.field() + "` (line " + r.line() + " of "
                + (r.readerSource() == null ? r.readerClass() : r.readerSource()) + ")").toList()));
        m.append(". Executors are other JVMs, where ").append(fields.size() == 1 ? "it is" : "they are")
                .append(" a static field never set (")
                .append(String.join(", ", fields.values().stream().map(r -> r.field() + " = " + r.executorValue()).toList()))
                .append("), so the result would be silently wrong. In the notebook, copy the variable into a local one"
                        + " in the cell that defines the function and use that local inside it, then export again.");
        throw new InvalidRunException(m.toString());
    }

    private static byte[] bytes(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job's class " + internalName, e);
        }
    }
}
