package io.workbench.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ExportMain NOTEBOOK.ipynb [--out DIR] [--name JOB] (--classpath CP | --classpath-file FILE)... [--json]
 * [--mode MODE [--cron EXPR] [--time-zone ZONE]] [--restart-max-attempts N] [--restart-initial-delay-seconds S]}:
 * exports a notebook in this JVM (the CLI's, or one the server starts) and prints the report, or with {@code --json}
 * the result as JSON. The output directory defaults to {@code data/exports/<job>} (as ./workbench export says). The
 * mode, cron and restart settings are the job's, for the files that run it under another orchestrator (without
 * {@code --mode}, those of every mode are written). Exits 0 when the project was written, 1 when the notebook cannot
 * be exported (each problem on stderr with its cell and line), 2 for a usage or set-up error.
 */
public final class ExportMain {
    private ExportMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ExportArgs parsed;
        try {
            parsed = ExportArgs.parse(args);
        } catch (IllegalArgumentException | IOException e) {
            err.println("export: " + e.getMessage());
            err.println(ExportArgs.USAGE);
            return 2;
        }
        ExportResult result;
        try {
            result = NotebookExporter.create(parsed.classpath()).export(parsed.request());
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("export: " + e.getMessage());
            return 2;
        }
        if (parsed.json()) {
            out.println(ExportResultJson.render(result));
        } else {
            print(result, parsed.request().notebook(), out, err);
        }
        return result.ok() ? 0 : 1;
    }

    private static void print(ExportResult result, Path notebook, PrintStream out, PrintStream err) {
        if (!result.ok()) {
            for (ExportProblem p : result.errors()) {
                err.println(notebook + ": " + p.describe());
            }
            err.println("Not exported: nothing was written.");
            return;
        }
        out.println("Exported " + notebook + " (revision " + result.revision() + ") to " + result.project());
        out.println("  main class " + result.mainClass());
        for (CellReport c : result.cells()) {
            out.printf("  %-12s %-9s %s%n", c.cellId(), c.disposition().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    c.reason());
        }
        out.println("Build it with: mvn -q -f " + result.project().resolve("pom.xml") + " package");
    }

    /** The parsed command line. */
    record ExportArgs(ExportRequest request, RuntimeClasspath classpath, boolean json) {
        static final String USAGE = "usage: ExportMain NOTEBOOK.ipynb [--out DIR] [--name JOB]"
                + " (--classpath CP | --classpath-file FILE)... [--json]"
                + " [--mode continuous|scheduled|once [--cron EXPR] [--time-zone ZONE]]"
                + " [--restart-max-attempts N] [--restart-initial-delay-seconds S]";

        static ExportArgs parse(String[] args) throws IOException {
            Path notebook = null;
            Path out = null;
            String name = null;
            boolean json = false;
            Deployment.Mode mode = null;
            String cron = null;
            String zone = null;
            Deployment.Restarts restarts = Deployment.Restarts.WORKBENCH_DEFAULTS;
            List<RuntimeClasspath> classpath = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--name" -> name = value(args, ++i, "--name");
                    case "--classpath" -> classpath.add(RuntimeClasspath.parse(value(args, ++i, "--classpath")));
                    case "--classpath-file" -> classpath.add(RuntimeClasspath.fromFile(
                            Path.of(value(args, ++i, "--classpath-file"))));
                    case "--json" -> json = true;
                    case "--mode" -> mode = Deployment.Mode.of(value(args, ++i, "--mode"));
                    case "--cron" -> cron = value(args, ++i, "--cron");
                    case "--time-zone" -> zone = value(args, ++i, "--time-zone");
                    case "--restart-max-attempts" -> restarts = new Deployment.Restarts(
                            number(args, ++i, "--restart-max-attempts"), restarts.initialDelay());
                    case "--restart-initial-delay-seconds" -> restarts = new Deployment.Restarts(restarts.maxAttempts(),
                            Duration.ofSeconds(number(args, ++i, "--restart-initial-delay-seconds")));
                    default -> {
                        if (args[i].startsWith("--") || notebook != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        notebook = Path.of(args[i]);
                    }
                }
            }
            if (notebook == null) {
                throw new IllegalArgumentException("which notebook?");
            }
            if (classpath.isEmpty()) {
                throw new IllegalArgumentException("the job runtime's class path is needed: --classpath or"
                        + " --classpath-file (job-runtime/target/job-runtime.classpath, with the runtime's jar)");
            }
            RuntimeClasspath all = classpath.stream().reduce(new RuntimeClasspath(List.of()), RuntimeClasspath::plus);
            Deployment deployment = new Deployment(mode, cron, zone, restarts);
            return new ExportArgs(new ExportRequest(notebook, out, name, deployment), all, json);
        }

        private static int number(String[] args, int i, String option) {
            String v = value(args, i, option);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number, not '" + v + "'");
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
