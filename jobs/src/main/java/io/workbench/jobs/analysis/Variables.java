package io.workbench.jobs.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.VarSnippet;

/**
 * Top-level variable declarations: each becomes a static field of the type JShell inferred, and its initializer an
 * assignment in {@code run}, in place, on the same lines. A variable declared again with the same type is assigned
 * again; with another type, or with a type Java cannot write, it is an error. Declarations of the parameters cell
 * become the job's parameters instead. Not thread-safe.
 */
final class Variables {
    static final Set<String> RESERVED = Set.of("job", "params");
    private static final Set<String> PARAMETER_TYPES = Set.of("String", "int", "long", "double", "boolean",
            "Integer", "Long", "Double", "Boolean", "Duration", "Instant", "LocalDate");
    private static final Pattern QUALIFIER = Pattern.compile("^(java\\.lang\\.|java\\.time\\.)");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("^[ \\t;]*//\\s?(.*)");
    private static final Map<String, String> ZERO = Map.of("int", "0", "long", "0L", "double", "0.0", "float", "0f",
            "short", "(short) 0", "byte", "(byte) 0", "char", "'\\0'", "boolean", "false");

    private final Declarations declarations;
    final List<NotebookPlan.Field> fields = new ArrayList<>();
    final List<NotebookPlan.Param> params = new ArrayList<>();

    Variables(Declarations declarations) {
        this.declarations = declarations;
    }

    /** A declaration snippet (one or more declarators) of a cell; the parameters cell's go to {@link #params}. */
    void declare(CellWork work, Segment segment, List<VarSnippet> snippets, boolean parametersCell) {
        String src = segment.source();
        List<SnippetTrees.Declarator> declarators = SnippetTrees.declarators(src);
        if (declarators.size() != snippets.size()) {
            work.problem(segment.start(), "this declaration cannot be exported: write it as `Type name = value;`");
            return;
        }
        StringBuilder code = new StringBuilder(src.substring(0, declarators.get(0).start()));
        int cursor = declarators.get(0).start();
        boolean assigns = false;
        for (int i = 0; i < declarators.size(); i++) {
            SnippetTrees.Declarator d = declarators.get(i);
            VarSnippet v = snippets.get(i);
            int at = segment.start() + d.start();
            if (!accept(work, v, at)) {
                return;
            }
            Declarations.Declared before = declarations.variable(v.name(), v.typeName(), work.id(), work.line(at));
            if (before != null && !before.as().equals(v.typeName())) {
                work.problem(at, "`" + v.name() + "` was declared as " + before.as() + " in cell " + before.cellId()
                        + " (line " + before.line() + ") and is declared again as " + v.typeName() + ": JShell"
                        + " replaces the variable, a Java class cannot hold both. Rename one of them.");
                return;
            }
            if (before == null) {
                fields.add(new NotebookPlan.Field(v.name(), v.typeName(), work.id(), work.line(at)));
            } else {
                work.changed(at, "`" + v.name() + "` declared again with the same type (" + v.typeName()
                        + "): an assignment");
            }
            if (parametersCell) {
                param(work, segment, d, v);
                continue;
            }
            String value = d.hasInitializer() ? src.substring(d.initStart(), d.initEnd())
                    : before != null ? ZERO.getOrDefault(v.typeName(), "null") : null;
            if (value == null) {
                continue;
            }
            String gap = lineBreaks(src, cursor, d.hasInitializer() ? d.initStart() : cursor);
            code.append(gap.isEmpty() && assigns ? " " : gap);
            code.append(v.name()).append(" = ");
            if (d.arrayInit()) {
                code.append("new ").append(v.typeName()).append(' ');
            }
            code.append(value).append(';');
            cursor = d.hasInitializer() ? d.initEnd() : cursor;
            assigns = true;
        }
        if (assigns) {
            code.append(lineBreaks(src, cursor, src.length()));
            work.keep(work.fragment(segment, code.toString()), false);
        } else {
            work.keptElsewhere();
        }
    }

    /** Checks the name and the inferred type; reports and returns false when this variable cannot be a field. */
    private boolean accept(CellWork work, VarSnippet v, int at) {
        if (RESERVED.contains(v.name())) {
            work.problem(at, "`" + v.name() + "` is a name the job's run method uses for itself: rename the variable.");
            return false;
        }
        String type = v.typeName();
        if (type.contains("&") || type.contains("<anonymous") || type.contains("capture#") || type.contains("<any>")) {
            work.problem(at, "the type of `" + v.name() + "` cannot be written in Java (" + type + "), so it cannot be"
                    + " a field of the job's class: give it an explicit type.");
            return false;
        }
        return true;
    }

    private void param(CellWork work, Segment segment, SnippetTrees.Declarator d, VarSnippet v) {
        int at = segment.start() + d.start();
        String type = QUALIFIER.matcher(v.typeName()).replaceFirst("");
        if (!PARAMETER_TYPES.contains(type)) {
            work.problem(at, "parameter `" + v.name() + "` is a " + v.typeName() + ": a parameter can be a String, int,"
                    + " long, double, boolean (or their boxes), Duration, Instant or LocalDate.");
            return;
        }
        if (!d.hasInitializer()) {
            work.problem(at, "parameter `" + v.name() + "` has no value: its initializer is the job's default.");
            return;
        }
        String text = segment.source().substring(d.initStart(), d.initEnd());
        Fragment init = new Fragment(work.id(), work.line(segment.start() + d.initStart()), text);
        params.add(new NotebookPlan.Param(v.name(), v.typeName(), init, d.literal(),
                doc(work.cell.source(), segment.start() + d.end())));
        work.keptElsewhere();
    }

    /** The comment after a declaration on its last line ({@code String topic = "t"; // the topic}), or "". */
    private static String doc(String cell, int end) {
        int eol = cell.indexOf('\n', Math.min(end, cell.length()));
        Matcher m = TRAILING_COMMENT.matcher(cell.substring(Math.min(end, cell.length()), eol < 0 ? cell.length() : eol));
        return m.find() ? m.group(1).strip() : "";
    }

    private static String lineBreaks(String s, int from, int to) {
        return "\n".repeat(Fragment.lineBreaks(s.substring(Math.max(0, from), Math.max(from, to))));
    }
}
