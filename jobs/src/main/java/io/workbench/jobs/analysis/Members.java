package io.workbench.jobs.analysis;

import java.util.Set;

/**
 * Methods and types, which become static members of the job's class: a method keeps its signature and a type its
 * name, with {@code static} added where Java needs it (a class; records, enums and interfaces are static anyway).
 * JShell replaces a method or type defined again; a class cannot hold both, so that is an error, as is a name the
 * job's class uses for itself. Not thread-safe.
 */
final class Members {
    private static final Set<String> RESERVED_METHODS = Set.of("main", "run");

    private final Declarations declarations;
    private final Set<String> reservedTypes;

    Members(Declarations declarations, String className) {
        this.declarations = declarations;
        this.reservedTypes = Set.of("Params", className);
    }

    /** A method ({@code parameterTypes} as JShell gives them) or a type ({@code parameterTypes} null). */
    void member(CellWork work, Segment seg, int at, String name, String parameterTypes) {
        boolean method = parameterTypes != null;
        if (method ? RESERVED_METHODS.contains(name) : reservedTypes.contains(name)) {
            work.problem(at, "`" + name + "` is a name the job's class uses for itself: rename the "
                    + (method ? "method." : "type."));
            return;
        }
        Declarations.Declared before = method ? declarations.method(name, parameterTypes, work.id(), work.line(at))
                : declarations.type(name, work.id(), work.line(at));
        if (before != null) {
            String what = method ? "method " + name + "(" + parameterTypes + ")" : "type " + name;
            work.problem(at, what + " was defined in cell " + before.cellId() + " (line " + before.line()
                    + ") and is defined again here: JShell replaces it, a Java class cannot hold both. Keep one, or tag"
                    + " the other cell exploration.");
            return;
        }
        String src = seg.source();
        int insert = SnippetTrees.staticInsertion(src);
        String text = insert < 0 ? src : src.substring(0, insert) + "static " + src.substring(insert);
        work.keep(work.fragment(seg, text), true);
    }
}
