package io.workbench.jobs.compile;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.analysis.ReportBuilder;
import io.workbench.jobs.source.JobSource;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Rewrites an attributed job class where a job differs from a notebook, by the compiler's own resolution of each
 * call, at the call's source positions:
 * <ul>
 *   <li>{@code DataStreamWriter.start()}, {@code .start(path)} and {@code .toTable(t)} become
 *       {@code job.start(writer)}, {@code job.start(writer.option("path", path))} and {@code job.toTable(writer, t)},
 *       wherever they are, so the run's trigger and checkpoints apply;</li>
 *   <li>a statement of a cell that only displays something other than a Dataset ({@code display(query)}, a table, a
 *       value), or only clears output, is left out; {@code display(dataset, …)} stays;</li>
 *   <li>a parameter's default that reads another cell's variable (which has no value yet) is an error.</li>
 * </ul>
 * Lines never move. Every change is noted in the report under the cell it came from.
 */
public final class JobRewriter {
    static final String WRITER = "org.apache.spark.sql.streaming.DataStreamWriter";
    static final String NOTEBOOK = "io.workbench.ext.Notebook";
    static final String DATASET = "org.apache.spark.sql.Dataset";

    /** The rewritten class, its problems, and how many statements of cells are left in {@code run}. */
    public record Result(JobSource source, List<ExportProblem> problems, int runStatements) {
    }

    private JobRewriter() {
    }

    public static Result rewrite(JobSource source, JobCompiler.Analyzed analyzed, ReportBuilder report) {
        Scanner scanner = new Scanner(source, analyzed, report);
        scanner.scan(analyzed.unit(), null);
        String text = scanner.edits.isEmpty() ? source.text() : scanner.edits.apply();
        return new Result(source.withText(text), scanner.problems, scanner.runStatements);
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final JobSource source;
        private final JobCompiler.Analyzed analyzed;
        private final ReportBuilder report;
        private final Trees trees;
        private final Positions at;
        private final Edits edits;
        private final Displays displays;
        private final List<ExportProblem> problems = new ArrayList<>();
        private final java.util.Set<Tree> leftOut = new java.util.HashSet<>();
        private TypeElement jobClass;
        private boolean inDefaults;
        private int runStatements;

        Scanner(JobSource source, JobCompiler.Analyzed analyzed, ReportBuilder report) {
            this.source = source;
            this.analyzed = analyzed;
            this.report = report;
            this.trees = Trees.instance(analyzed.task());
            this.at = new Positions(analyzed.unit(), trees.getSourcePositions());
            this.edits = new Edits(source.text());
            this.displays = new Displays(analyzed.task());
        }

        /** A statement left out is not looked into: nothing in it is in the job. */
        @Override
        public Void scan(Tree tree, Void unused) {
            return leftOut.contains(tree) ? null : super.scan(tree, unused);
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            if (jobClass == null) {
                jobClass = (TypeElement) trees.getElement(getCurrentPath());
            }
            return super.visitClass(node, unused);
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            Element owner = trees.getElement(getCurrentPath()).getEnclosingElement();
            boolean defaults = node.getName().contentEquals("defaults") && owner.getSimpleName().contentEquals("Params");
            if (node.getName().contentEquals("run") && owner.equals(jobClass)) {
                runBody(node);
            }
            boolean was = inDefaults;
            inDefaults = defaults;
            try {
                return super.visitMethod(node, unused);
            } finally {
                inDefaults = was;
            }
        }

        /** The statements of run that came from cells: left out when they only display. */
        private void runBody(MethodTree run) {
            TreePath body = new TreePath(getCurrentPath(), run.getBody());
            for (StatementTree st : run.getBody().getStatements()) {
                JobSource.Origin origin = origin(st);
                if (origin == null) {
                    continue;
                }
                runStatements++;
                if (st instanceof ExpressionStatementTree es && es.getExpression() instanceof MethodInvocationTree call) {
                    String why = displays.onlyDisplays(new TreePath(new TreePath(body, st), es.getExpression()), call);
                    if (why != null) {
                        runStatements--;
                        leftOut.add(st);
                        edits.replace(at.start(st), at.end(st), "// left out of the job: " + why);
                        report.removed(origin.cellId(), "line " + origin.line() + ": " + why + ": left out");
                    }
                }
            }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element e = trees.getElement(getCurrentPath());
            if (e instanceof ExecutableElement m && m.getEnclosingElement() instanceof TypeElement t
                    && t.getQualifiedName().contentEquals(WRITER)
                    && node.getMethodSelect() instanceof MemberSelectTree select) {
                writer(node, m, select.getExpression());
            }
            return super.visitMethodInvocation(node, unused);
        }

        private void writer(MethodInvocationTree node, ExecutableElement m, ExpressionTree writer) {
            String was = WriterStarts.rewrite(node, m, writer, edits, at);
            if (was == null) {
                return;
            }
            // The line of the call's name (`.start()`), not of the writer's chain, which may begin lines above.
            int name = source.text().indexOf(m.getSimpleName().toString(), at.end(writer));
            JobSource.Origin origin = source.origin(at.line(name < 0 ? at.start(node) : name));
            if (origin != null) {
                report.changed(origin.cellId(), "line " + origin.line() + ": " + was
                        + ", so the run's trigger and checkpoint directory apply");
            }
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            if (inDefaults) {
                Element e = trees.getElement(getCurrentPath());
                if (e != null && e.getKind() == ElementKind.FIELD && e.getEnclosingElement().equals(jobClass)) {
                    JobSource.Origin o = origin(node);
                    problems.add(ExportProblem.at(o == null ? null : o.cellId(), o == null ? 0 : o.line(),
                            "a parameter's default reads `" + node.getName() + "`, a variable of another cell, which"
                                    + " has no value when the defaults are made: use a value, or an earlier parameter."));
                }
            }
            return super.visitIdentifier(node, unused);
        }

        private JobSource.Origin origin(Tree t) {
            return source.origin(at.line(at.start(t)));
        }
    }
}
