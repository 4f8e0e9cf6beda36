package io.workbench.jobs;

import io.workbench.jobs.analysis.AnalysisShell;
import io.workbench.jobs.analysis.CellAnalyzer;
import io.workbench.jobs.analysis.NotebookPlan;
import io.workbench.jobs.analysis.RuntimeImports;
import io.workbench.jobs.compile.JobCompiler;
import io.workbench.jobs.compile.JobRewriter;
import io.workbench.jobs.notebook.Headings;
import io.workbench.jobs.notebook.InvalidNotebookException;
import io.workbench.jobs.notebook.Notebook;
import io.workbench.jobs.notebook.NotebookReader;
import io.workbench.jobs.notebook.Revision;
import io.workbench.jobs.project.ExportedJob;
import io.workbench.jobs.project.JobNames;
import io.workbench.jobs.project.ProjectWriter;
import io.workbench.jobs.project.WorkbenchBuild;
import io.workbench.jobs.source.JobSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Exports a notebook to a Maven project with one Java class that runs as a job (docs/jobs.md): reads the notebook,
 * analyses its cells with JShell (nothing runs), writes the class, compiles it against the job runtime with the
 * JDK's compiler, rewrites what a job does differently, compiles it again, and writes the project in place. Either
 * all of that succeeds and the project is written, or nothing is written and the result says why, at the cell and
 * line of each problem.
 *
 * <p>Loads no Spark class: the runtime's jars are only read as files (the one exception is the runtime's list of
 * imports, read in an isolated class loader; see {@link RuntimeImports}). An export takes seconds (JShell and javac
 * read the runtime's jars); calls block. Instances are thread-safe: each export has its own JShell and compiler.
 */
public final class NotebookExporter {
    private final RuntimeClasspath classpath;
    private final List<String> jvmOptions;
    private final WorkbenchBuild build;
    private final Clock clock;

    NotebookExporter(RuntimeClasspath classpath, WorkbenchBuild build, Clock clock) {
        List<Path> missing = classpath.missing();
        if (classpath.entries().isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException("The job runtime's class path " + (missing.isEmpty() ? "is empty"
                    : "names files that do not exist: " + missing) + ". Build the workbench (job-runtime) first.");
        }
        this.classpath = classpath;
        this.jvmOptions = classpath.jvmOptions();
        this.build = build;
        this.clock = clock;
    }

    /**
     * @param classpath the job runtime's jar and its class path (job-runtime/target/job-runtime.classpath)
     * @throws IllegalArgumentException when the class path is empty or names files that do not exist
     * @throws IllegalStateException    when it has no job runtime's JVM options file (not the runtime's class path)
     */
    public static NotebookExporter create(RuntimeClasspath classpath) {
        return new NotebookExporter(classpath, WorkbenchBuild.current(), Clock.systemUTC());
    }

    /**
     * Exports one notebook. Problems with the notebook, its code or the output directory are in the result, never
     * thrown.
     *
     * @throws IllegalStateException when the class path is not the job runtime's (its imports cannot be read or
     *                               do not compile)
     */
    public ExportResult export(ExportRequest request) {
        Progress f = new Progress();
        Notebook notebook;
        try {
            notebook = NotebookReader.read(request.notebook());
        } catch (InvalidNotebookException e) {
            return f.error(e.getMessage());
        } catch (IOException e) {
            return f.error("Cannot read the notebook " + request.notebook() + ": " + e);
        }
        f.revision = Revision.of(notebook);
        JobNames names;
        try {
            names = JobNames.of(request.notebook(), request.jobName());
        } catch (IllegalArgumentException e) {
            return f.error(e.getMessage());
        }
        f.names = names;
        List<String> imports = RuntimeImports.read(classpath);
        NotebookPlan plan;
        try (AnalysisShell shell = new AnalysisShell(classpath, imports)) {
            plan = new CellAnalyzer(shell, imports, names.className()).analyze(notebook);
        }
        f.plan = plan;
        if (!plan.ok()) {
            return f.errors(plan.problems());
        }
        if (!plan.hasCodeToRun()) {
            return f.error(nothingToRun(request));
        }
        String title = Headings.of(notebook).title();
        JobSource source = io.workbench.jobs.source.JobClassWriter.write(plan, names.className(), title,
                request.notebook().toString(), f.revision);
        try (JobCompiler javac = new JobCompiler(classpath)) {
            JobCompiler.Analyzed analyzed = javac.analyze(source);
            if (!analyzed.ok()) {
                return f.errors(analyzed.errors());
            }
            JobRewriter.Result rewritten = JobRewriter.rewrite(source, analyzed, plan.report());
            if (!rewritten.problems().isEmpty()) {
                return f.errors(rewritten.problems());
            }
            if (rewritten.runStatements() == 0) {
                return f.error(nothingToRun(request));
            }
            source = rewritten.source();
            List<ExportProblem> errors = javac.compile(source);
            if (!errors.isEmpty()) {
                return f.errors(errors);
            }
        }
        ExportedJob job = new ExportedJob(request.notebook().toString(), title == null ? names.job() : title,
                f.revision, clock.instant().truncatedTo(ChronoUnit.SECONDS), build.version(), names, source.qualifiedName(), f.parameters(),
                plan.report().build(), source.path(), source.text(), request.deployment(), jvmOptions,
                build.sparkVersion());
        Path out = request.out() != null ? request.out() : Path.of("data", "exports", names.job());
        try {
            Path written = ProjectWriter.write(out, ProjectWriter.files(job));
            return new ExportResult(written, names.job(), source.qualifiedName(), f.revision, job.parameters(),
                    job.cells(), List.of());
        } catch (IOException e) {
            return f.error("Cannot write the project to " + out + ": " + e.getMessage());
        }
    }

    private static String nothingToRun(ExportRequest request) {
        return request.notebook() + " has no code to run: every code cell is tagged exploration, empty, or only shows"
                + " values. Keep at least the cells that start the job's queries.";
    }

    /** What is known so far, for the result when an export stops. */
    private static final class Progress {
        String revision;
        JobNames names;
        NotebookPlan plan;

        ExportResult error(String message) {
            return errors(List.of(ExportProblem.of(message)));
        }

        ExportResult errors(List<ExportProblem> errors) {
            return new ExportResult(null, names == null ? null : names.job(),
                    names == null ? null : "jobs." + names.className(), revision, parameters(),
                    plan == null ? List.of() : plan.report().build(), errors);
        }

        List<JobParameter> parameters() {
            return plan == null ? List.of() : plan.params().list().stream().map(p -> new JobParameter(p.name(),
                    p.type(), p.literal(), p.initializer().text(), p.doc())).toList();
        }
    }
}
