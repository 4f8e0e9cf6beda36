package io.workbench.jobs.compile;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import javax.lang.model.element.ExecutableElement;

/**
 * The rewrite of a query start: {@code writer.start()}, {@code writer.start(path)} and {@code writer.toTable(t)}
 * on a {@code DataStreamWriter} become {@code job.start(writer)}, {@code job.start(writer.option("path", path))} (what
 * Spark's {@code start(path)} does) and {@code job.toTable(writer, t)}, so that the run's trigger and checkpoint
 * directory apply. The writer's own code stays where it is.
 */
final class WriterStarts {
    private WriterStarts() {
    }

    /**
     * Adds the edits for one call on a writer; returns what changed, for the report, or null when the call starts
     * nothing (a writer's other methods).
     */
    static String rewrite(MethodInvocationTree call, ExecutableElement method, ExpressionTree writer, Edits edits,
                          Positions at) {
        String name = method.getSimpleName().toString();
        int args = call.getArguments().size();
        if (name.equals("start") && args == 0) {
            edits.insert(at.start(writer), "job.start(");
            edits.replace(at.end(writer), at.end(call), ")");
            return "`writer.start()` becomes `job.start(writer)`";
        }
        if (name.equals("start") && args == 1) {
            ExpressionTree path = call.getArguments().get(0);
            edits.insert(at.start(writer), "job.start(");
            edits.replace(at.end(writer), at.start(path), ".option(\"path\", ");
            edits.replace(at.end(path), at.end(call), "))");
            return "`writer.start(path)` becomes `job.start(writer.option(\"path\", path))`";
        }
        if (name.equals("toTable") && args == 1) {
            ExpressionTree table = call.getArguments().get(0);
            edits.insert(at.start(writer), "job.toTable(");
            edits.replace(at.end(writer), at.start(table), ", ");
            edits.replace(at.end(table), at.end(call), ")");
            return "`writer.toTable(table)` becomes `job.toTable(writer, table)`";
        }
        return null;
    }
}
