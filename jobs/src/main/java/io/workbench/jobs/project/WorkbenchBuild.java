package io.workbench.jobs.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts of the workbench build this exporter belongs to, written into it by Maven's resource filtering: the version
 * an exported project depends on, and the Spark (and its Scala) that the job runtime of that version runs on, which a
 * cluster that runs the job must have.
 */
public record WorkbenchBuild(String version, String sparkVersion, String scalaBinaryVersion) {
    private static final String RESOURCE = "workbench-build.properties";

    /** The build this class was compiled in. */
    public static WorkbenchBuild current() {
        Properties p = new Properties();
        try (InputStream in = WorkbenchBuild.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the exporter's jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("workbench.version", "");
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " was not filtered by the build: " + version);
        }
        return new WorkbenchBuild(version, p.getProperty("spark.version"), p.getProperty("scala.binary.version"));
    }
}
