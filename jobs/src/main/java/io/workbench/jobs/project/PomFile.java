package io.workbench.jobs.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The exported project's pom.xml: {@code io.workbench.jobs:<job>:<revision>} on {@code workbench-job-runtime}, whose
 * own dependency management it imports; {@code mvn package} builds {@code target/<job>.jar} with the main class and
 * a {@code lib/} class path in its manifest, copies the dependencies to {@code target/lib}, and shades the job with
 * what it runs on except Spark into {@code target/<job>-cluster.jar}, for spark-submit.
 */
final class PomFile {
    private static final String TEMPLATE = "pom.xml.template";
    /** The Scala of the Spark artifacts the cluster jar takes in (Kafka and Avro connectors). */
    private static final String SCALA_BINARY_VERSION = WorkbenchBuild.current().scalaBinaryVersion();

    private PomFile() {
    }

    static String render(ExportedJob job) {
        String text = template();
        Map<String, String> values = Map.of("notebook", comment(job.notebook()), "revision", job.revision(),
                "job", job.names().job(), "title", xml(job.title()), "workbenchVersion", job.workbenchVersion(),
                "mainClass", job.mainClass(), "sparkVersion", job.sparkVersion(),
                "scalaBinaryVersion", SCALA_BINARY_VERSION);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return text;
    }

    static String template() {
        try (InputStream in = PomFile.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the exporter's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String comment(String s) {
        return xml(s).replace("--", "- -");
    }
}
