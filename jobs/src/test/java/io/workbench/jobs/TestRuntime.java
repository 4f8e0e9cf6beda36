package io.workbench.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The class paths tests analyse and compile against. */
public final class TestRuntime {
    /** Imports for analysis tests that need nothing but the JDK (a JShell session starts in about a second). */
    public static final List<String> JDK_IMPORTS = List.of("import java.util.*;", "import java.time.*;");

    private TestRuntime() {
    }

    /** The job runtime's jar and class path, as the build's system properties name them (jobs/pom.xml). */
    public static RuntimeClasspath jobRuntime() {
        String jar = System.getProperty("export.runtime.jar");
        String file = System.getProperty("export.runtime.classpath.file");
        if (jar == null || file == null) {
            throw new IllegalStateException("run through Maven: export.runtime.jar and export.runtime.classpath.file"
                    + " are set by jobs/pom.xml");
        }
        try {
            return RuntimeClasspath.parse(jar).plus(RuntimeClasspath.fromFile(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
