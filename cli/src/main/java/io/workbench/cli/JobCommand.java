package io.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./workbench job …}: jobs on the running server (docs/jobs.md). Each subcommand is one REST call; errors are
 * the server's messages, and the exit status is 1.
 */
@Command(name = "job", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, description = "Jobs: exported notebooks the server runs, schedules"
        + " and supervises.", subcommands = {JobCommand.ListJobs.class, JobCommand.Show.class, JobCommand.Create.class,
        JobCommand.Run.class, JobCommand.Stop.class, JobCommand.Logs.class, JobCommand.Runs.class, JobCommand.Delete.class,
        JobCommand.Pause.class, JobCommand.Resume.class, JobCommand.Edit.class, JobCommand.Reexport.class,
        JobCommand.Revert.class, JobCommand.FreshCheckpoints.class})
public final class JobCommand {
    @Option(names = "--runtime-dir", defaultValue = "data/runtime", description = "Where the server writes server.json.")
    Path runtimeDir;

    ServerClient server() {
        return ServerClient.find(runtimeDir);
    }

    /** A subcommand that talks to the server and prints. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand
        JobCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * Where a command prints. Picocli's writer flushes on println only: a command that ends with print must
         * {@link PrintWriter#flush()} (see {@link #print}), or its output is lost when the JVM exits.
         */
        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Prints {@code text} as it is and flushes. */
        void print(Object text) {
            out().print(text);
            out().flush();
        }

        static String job(String name) {
            return "/api/workbench/jobs/" + ServerClient.segment(name);
        }
    }

    @Command(name = "list", description = "Every job: mode, schedule, state, last and next run, restarts.")
    static final class ListJobs extends Sub {
        @Override
        public Integer call() {
            JsonNode jobs = parent.server().get("/api/workbench/jobs");
            Tables t = new Tables("NAME", "MODE", "SCHEDULE", "STATE", "LAST RUN", "NEXT RUN", "RESTARTS", "NOTEBOOK");
            for (JsonNode j : jobs) {
                JsonNode last = j.path("lastRun");
                t.row(j.path("name").asText(), j.path("mode").asText(),
                        j.has("cron") ? j.path("cron").asText() + " " + j.path("timeZone").asText() : "-",
                        j.path("state").asText() + (j.path("paused").asBoolean() ? " (paused)" : ""),
                        last.isMissingNode() ? "-" : last.path("status").asText() + " " + last.path("startedAt").asText(),
                        j.path("nextRun").asText("-"), j.path("restarts").asText(),
                        j.path("notebook").asText() + (j.path("notebookChanged").asBoolean() ? " (changed since export)" : ""));
            }
            print(jobs.isEmpty() ? "No jobs yet: ./workbench job create --from notebooks/NAME.ipynb --mode once\n" : t);
            return 0;
        }
    }

    @Command(name = "show", description = "One job: its definition, state and latest runs.")
    static final class Show extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "The server's JSON (the job, then its latest runs), for scripts")
        boolean json;

        @Override
        public Integer call() {
            ServerClient s = parent.server();
            JsonNode j = s.get(job(name));
            JsonNode runs = s.get(job(name) + "/runs?limit=5");
            if (json) {
                out().println(Tables.pretty(j));
                out().println(Tables.pretty(runs));
                return 0;
            }
            print(describe(j) + "\n" + (runs.isEmpty() ? "No runs yet: ./workbench job run " + name + "\n"
                    : "Latest runs (all: ./workbench job runs " + name + "):\n" + runsTable(runs)));
            return 0;
        }

        /** The job as label/value lines, with the command that resolves a state that needs the user. */
        static String describe(JsonNode j) {
            String name = j.path("name").asText();
            Tables t = new Tables();
            t.row("Job", name);
            t.row("Notebook", j.path("notebook").asText() + ", revision " + j.path("revision").asText()
                    + (j.path("notebookChanged").asBoolean() ? " (the notebook changed since: ./workbench job export "
                    + name + ")" : ""));
            String mode = j.path("mode").asText();
            if (j.has("cron")) {
                mode += ", cron '" + j.path("cron").asText() + "' " + j.path("timeZone").asText()
                        + (j.has("nextRun") ? ", next run " + j.path("nextRun").asText() : "");
            }
            t.row("Mode", mode);
            t.row("State", j.path("state").asText() + (j.path("paused").asBoolean() ? " (paused: ./workbench job resume "
                    + name + ")" : ""));
            List<String> params = new ArrayList<>();
            j.path("params").fields().forEachRemaining(e -> params.add(e.getKey() + "=" + e.getValue().asText()));
            t.row("Parameters", params.isEmpty() ? "the notebook's defaults" : String.join(", ", params));
            if (j.has("startingOffsets")) {
                t.row("Starting offsets", j.path("startingOffsets").asText());
            }
            t.row("Restarts", j.path("restarts").asText());
            if (j.path("needsCheckpointChoice").asBoolean()) {
                t.row("Checkpoints", "written by another revision's queries; choose: ./workbench job fresh-checkpoints "
                        + name + ", or ./workbench job revert " + name);
            }
            JsonNode last = j.path("lastRun");
            t.row("Last run", last.isMissingNode() ? "-" : last.path("id").asText() + " " + last.path("status").asText()
                    + " " + last.path("startedAt").asText(""));
            t.row("Created", j.path("createdAt").asText() + ", changed " + j.path("updatedAt").asText());
            return t.toString();
        }
    }

    @Command(name = "create", description = "Exports a notebook and creates a job from it.")
    static final class Create extends Sub {
        @Option(names = "--from", required = true, paramLabel = "NOTEBOOK", description = "notebooks/NAME.ipynb")
        String notebook;
        @Option(names = "--mode", defaultValue = "continuous", description = "continuous, scheduled or once")
        String mode;
        @Option(names = "--cron", description = "5-field Unix cron expression, for scheduled jobs")
        String cron;
        @Option(names = "--time-zone", description = "The zone of the cron expression (default UTC)")
        String timeZone;
        @Option(names = "--name", description = "The job's name (default: the notebook's)")
        String name;
        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter of the notebook's parameters cell")
        List<String> params = new ArrayList<>();

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("notebook", notebook);
            body.put("mode", mode);
            body.put("cron", cron);
            body.put("timeZone", timeZone);
            body.put("name", name);
            body.put("params", params(params));
            JsonNode j = parent.server().post("/api/workbench/jobs", body);
            out().println("Created job " + j.path("name").asText() + " (" + j.path("mode").asText() + ", revision "
                    + j.path("revision").asText() + "): " + j.path("state").asText());
            return 0;
        }
    }

    @Command(name = "run", description = "Runs the job now.")
    static final class Run extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            JsonNode r = parent.server().post(job(name) + "/runs", Map.of());
            out().println("Run " + r.path("id").asText() + " of " + name + ": " + r.path("status").asText()
                    + (r.has("error") ? "\n" + r.path("error").asText() : ""));
            return r.path("status").asText().equals("failed") ? 1 : 0;
        }
    }

    @Command(name = "stop", description = "Stops the job (its run stops between batches) and waits until it has.")
    static final class Stop extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            JsonNode j = parent.server().post(job(name) + "/stop", Map.of());
            out().println(name + ": " + j.path("state").asText());
            return 0;
        }
    }

    @Command(name = "logs", description = "A run's log (the newest run by default).")
    static final class Logs extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--run", description = "The run's id (default: the newest)")
        String run;
        @Option(names = {"-f", "--follow"}, description = "Keep printing while the run goes on")
        boolean follow;

        @Override
        public Integer call() throws InterruptedException {
            ServerClient s = parent.server();
            String id = run;
            if (id == null) {
                JsonNode runs = s.get(job(name) + "/runs?limit=1");
                if (runs.isEmpty()) {
                    throw new CliException("Job " + name + " has not run yet.");
                }
                id = runs.get(0).path("id").asText();
            }
            long offset = -1;
            while (true) {
                JsonNode chunk = s.get(job(name) + "/runs/" + ServerClient.segment(id) + "/log?max=1048576"
                        + (offset >= 0 ? "&offset=" + offset : ""));
                out().print(chunk.path("text").asText());
                out().flush();
                offset = chunk.path("end").asLong();
                if (!follow || !chunk.path("running").asBoolean()) {
                    return 0;
                }
                Thread.sleep(1000);
            }
        }
    }

    @Command(name = "runs", description = "The job's runs, newest first.")
    static final class Runs extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            print(runsTable(parent.server().get(job(name) + "/runs?limit=50")));
            return 0;
        }
    }

    @Command(name = "delete", description = "Stops the job and deletes it and its history.")
    static final class Delete extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            parent.server().delete(job(name));
            out().println("Deleted job " + name + ".");
            return 0;
        }
    }

    @Command(name = "pause", description = "Pauses a scheduled job's schedule.")
    static final class Pause extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            out().println(name + ": " + parent.server().post(job(name) + "/pause", Map.of()).path("state").asText());
            return 0;
        }
    }

    @Command(name = "resume", description = "Resumes a scheduled job's schedule.")
    static final class Resume extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            out().println(name + ": " + parent.server().post(job(name) + "/resume", Map.of()).path("state").asText());
            return 0;
        }
    }

    @Command(name = "edit", description = "Changes a job's schedule or parameters.")
    static final class Edit extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--mode")
        String mode;
        @Option(names = "--cron")
        String cron;
        @Option(names = "--time-zone")
        String timeZone;
        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Replaces all parameters when given")
        List<String> params;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mode", mode);
            body.put("cron", cron);
            body.put("timeZone", timeZone);
            if (params != null) {
                body.put("params", params(params));
            }
            JsonNode j = parent.server().patch(job(name), body);
            out().println(name + ": " + j.path("mode").asText() + ", " + j.path("state").asText());
            return 0;
        }
    }

    @Command(name = "export", description = "Exports the job's notebook again; the next run uses the new revision.")
    static final class Reexport extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            out().println(name + ": revision " + parent.server().post(job(name) + "/export", Map.of()).path("revision").asText());
            return 0;
        }
    }

    @Command(name = "revert", description = "Goes back to the revision exported before the current one.")
    static final class Revert extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            out().println(name + ": revision " + parent.server().post(job(name) + "/revert", Map.of()).path("revision").asText());
            return 0;
        }
    }

    @Command(name = "fresh-checkpoints", description = "Moves the job's checkpoints aside, so its next run starts fresh.")
    static final class FreshCheckpoints extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--from", defaultValue = "earliest", description = "earliest, latest, or checkpoint (where the"
                + " old checkpoints had got to)")
        String from;

        @Override
        public Integer call() {
            parent.server().post(job(name) + "/checkpoints/archive", Map.of("startFrom", from));
            out().println(name + ": its next run starts from fresh checkpoints (the old ones are kept aside).");
            return 0;
        }
    }

    /** Runs as a table, one line each (an error's first line). */
    static Tables runsTable(JsonNode runs) {
        Tables t = new Tables("RUN", "TRIGGER", "STATUS", "STARTED", "ENDED", "EXIT", "ERROR");
        for (JsonNode r : runs) {
            t.row(r.path("id").asText(), r.path("trigger").asText(), r.path("status").asText(),
                    r.path("startedAt").asText("-"), r.path("endedAt").asText("-"), r.path("exitCode").asText("-"),
                    r.path("error").asText("").lines().findFirst().orElse(""));
        }
        return t;
    }

    static Map<String, String> params(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new CliException("A parameter is NAME=VALUE, not '" + p + "'.");
            }
            out.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return out;
    }
}
