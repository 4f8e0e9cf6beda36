package io.workbench.job;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of one job run (docs/jobs.md, "A job run"), read from the command line with picocli.
 *
 * @param job             the job's name: the Kafka sink prefix and, by default, part of the checkpoint directory
 * @param runId           this run's id
 * @param mode            how queries are triggered and when the run ends
 * @param statusFile      where the run writes its status, or null for nowhere
 * @param checkpointDir   the directory of the run's query checkpoints ({@code DIR/<query name>}), or null for
 *                        {@code <workbench home>/data/jobs/<job>/checkpoints}
 * @param params          {@code --param} values by name, in order; a name given twice keeps its last value
 * @param paramsFile      the {@code --params} JSON file, or null
 * @param triggerInterval continuous runs' micro-batch interval for queries whose code sets no trigger
 */
record RunOptions(String job, String runId, Job.Mode mode, Path statusFile, Path checkpointDir,
                  Map<String, String> params, Path paramsFile, Duration triggerInterval) {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,199}";

    /**
     * Reads the options.
     *
     * @param defaultJob the job's name when {@code --job} is not given
     * @return the options, or null when {@code --help} asked for the usage, which {@code out} then holds
     * @throws InvalidRunException for an unknown option, a missing or malformed value, with the usage
     */
    static RunOptions parse(String[] args, String defaultJob, StringBuilder out) {
        Cli cli = new Cli();
        CommandLine cl = new CommandLine(cli).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new InvalidRunException(e.getMessage() + "\n" + usage(cl));
        }
        if (cli.help) {
            out.append(usage(cl));
            return null;
        }
        List<String> errors = new ArrayList<>();
        String job = cli.job != null ? cli.job : defaultJob;
        if (!job.matches(NAME)) {
            errors.add("--job " + job + ": a job name is letters, digits, '_', '.' and '-' (it names a directory and"
                    + " prefixes Kafka topics).");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : cli.params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                errors.add("--param " + p + ": expected NAME=VALUE.");
            } else {
                params.put(p.substring(0, eq).trim(), p.substring(eq + 1));
            }
        }
        Duration interval = null;
        try {
            interval = ParamValues.duration(cli.triggerInterval);
            if (interval.isNegative()) {
                errors.add("--trigger-interval " + cli.triggerInterval + ": a duration cannot be negative.");
            }
        } catch (DateTimeParseException e) {
            errors.add("--trigger-interval " + cli.triggerInterval + ": not " + ParamValues.expected(Duration.class) + ".");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunException(String.join("\n", errors));
        }
        String runId = cli.runId != null ? cli.runId
                : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        if (cli.startingOffsets != null) {
            // Read by the runtime's Kafka helpers through the settings, like any workbench setting.
            System.setProperty("workbench." + io.workbench.ext.kafka.KafkaTools.STARTING_OFFSETS.name(), cli.startingOffsets);
        }
        return new RunOptions(job, runId, cli.mode, cli.statusFile, cli.checkpointDir, Map.copyOf(params),
                cli.paramsFile, interval);
    }

    /**
     * The default job name of a job class: {@code SalesPerWindowJob} runs as {@code sales-per-window}, as the
     * exporter names the class after the notebook.
     */
    static String defaultJobName(Class<?> jobClass) {
        String n = jobClass.getSimpleName().replaceFirst("Job$", "");
        String kebab = n.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return kebab.isEmpty() ? "job" : kebab;
    }

    private static String usage(CommandLine cl) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w), CommandLine.Help.Ansi.OFF);
        return w.toString();
    }

    @Command(name = "java <Spark's JVM flags> -cp <classes>:<job runtime> jobs.<Name>Job", sortOptions = false,
            description = "Runs an exported notebook as a job (docs/jobs.md).")
    static final class Cli {
        @Option(names = "--job", paramLabel = "NAME", description = "The job's name: checkpoint scope, Kafka sink prefix (default: from the class name).")
        String job;
        @Option(names = "--run-id", paramLabel = "ID", description = "This run's id (default: the UTC start time).")
        String runId;
        @Option(names = "--mode", paramLabel = "MODE", description = "continuous (default), scheduled or once.")
        Job.Mode mode = Job.Mode.CONTINUOUS;
        @Option(names = "--status-file", paramLabel = "PATH", description = "Where the run writes its status (JSON).")
        Path statusFile;
        @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Checkpoints: DIR/<query name> (default: data/jobs/<job>/checkpoints).")
        Path checkpointDir;
        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter (repeatable).")
        List<String> params = new ArrayList<>();
        @Option(names = "--params", paramLabel = "FILE", description = "Parameters as a JSON object.")
        Path paramsFile;
        @Option(names = "--starting-offsets", paramLabel = "OFFSETS", description = "Where kafka.events() streams start when their query has no checkpoint: earliest (default), latest, or Spark's JSON of offsets per topic and partition.")
        String startingOffsets;
        @Option(names = "--trigger-interval", paramLabel = "DURATION", description = "Continuous runs' micro-batch interval when the code sets no trigger (default: 1s).")
        String triggerInterval = "1s";
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help.")
        boolean help;
    }
}
