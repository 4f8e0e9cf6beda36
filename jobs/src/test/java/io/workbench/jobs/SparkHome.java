package io.workbench.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stand-in for a Spark distribution, made of the jars Maven resolved: {@code jars/} links the Spark jars of the job
 * runtime's class path, and {@code bin/spark-submit} does what the distribution's does (through {@code spark-class}):
 * Spark's launcher ({@code org.apache.spark.launcher.Main}) builds the driver's command, JVM options included, and
 * the script runs it.
 *
 * <p>"Spark's jars" are the runtime's class path without what a Spark distribution does not ship, which an exported
 * job's cluster jar must hold itself: the workbench's modules, picocli, the Kafka source (Spark's connector, its
 * token provider, Kafka's clients, commons-pool2), Spark's Avro data source, Avro and ASM.
 */
final class SparkHome {
    /** Class path entries a Spark distribution does not have, by their place in the Maven repository. */
    private static final Pattern NOT_SPARK = Pattern.compile("/io/workbench/|/info/picocli/"
            + "|/org/apache/kafka/kafka-clients/|/org/apache/spark/spark-sql-kafka-0-10_|/org/apache/spark/"
            + "spark-token-provider-kafka-0-10_|/org/apache/spark/spark-avro_|/org/apache/commons/commons-pool2/"
            + "|/org/apache/avro/avro/|/org/ow2/asm/");

    private static final String SPARK_SUBMIT = """
            #!/usr/bin/env bash
            # What Spark's bin/spark-submit and bin/spark-class do: the launcher prints lines for the user, then an
            # empty line (a NUL that bash drops), then the command NUL-separated, and its own exit code last.
            set -euo pipefail
            cmd=()
            delim=$'\\n'
            started=false
            while IFS= read -d "$delim" -r arg; do
              if $started; then cmd+=("$arg"); elif [ -z "$arg" ]; then delim=''; started=true; else echo "$arg"; fi
            done < <(
              java -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@"
              printf '%d\\0' $?)
            last=$((${#cmd[@]} - 1))
            [ "${cmd[$last]}" = 0 ] || exit "${cmd[$last]}"
            exec "${cmd[@]:0:$last}"
            """;

    private SparkHome() {
    }

    /** The entries of {@code runtime} that a Spark distribution ships. */
    static List<Path> sparkJars(RuntimeClasspath runtime, Path repo) {
        return runtime.entries().stream().filter(p -> p.toString().endsWith(".jar"))
                .filter(p -> !p.toAbsolutePath().startsWith(repo) && !NOT_SPARK.matcher(p.toString()).find()).toList();
    }

    /** Makes {@code dir} a Spark home with {@code jars} linked in {@code jars/} and {@code bin/spark-submit}. */
    static Path create(Path dir, List<Path> jars) throws IOException {
        Path jarsDir = Files.createDirectories(dir.resolve("jars"));
        for (Path jar : jars) {
            Files.createSymbolicLink(jarsDir.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        Path submit = Files.createDirectories(dir.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, SPARK_SUBMIT);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** The environment the launcher needs besides SPARK_HOME: which Scala the jars are for. */
    static Map<String, String> environment(Path home) {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12");
    }
}
