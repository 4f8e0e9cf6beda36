package io.workbench.ext.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorJarsTest {

    @Test
    void twoClassDirectoriesOfTheSameNameGoToTwoJarsEachWithItsOwnClasses(@TempDir Path tmp) throws Exception {
        // A supervised job's JVM has the job's target/classes and the job runtime's target/classes on its class path.
        Path job = tmp.resolve("project/target/classes");
        Path runtime = tmp.resolve("job-runtime/target/classes");
        Files.createDirectories(job.resolve("gen"));
        Files.writeString(job.resolve("gen/Job_02.class"), "job");
        Files.createDirectories(runtime.resolve("io/workbench/job"));
        Files.writeString(runtime.resolve("io/workbench/job/Job.class"), "runtime");
        Path packDir = tmp.resolve("packs");

        Path jobJar = ExecutorJars.pack(job, packDir);
        Path runtimeJar = ExecutorJars.pack(runtime, packDir);

        assertNotEquals(jobJar.getFileName(), runtimeJar.getFileName(), "Spark serves executors one file per name");
        assertEquals(Set.of("gen/Job_02.class"), entries(jobJar));
        assertEquals(Set.of("io/workbench/job/Job.class"), entries(runtimeJar));
        assertEquals(jobJar, ExecutorJars.pack(job, packDir), "packing a directory again replaces its own jar");
    }

    private static Set<String> entries(Path jar) throws Exception {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(e -> e.getName()).collect(Collectors.toSet());
        }
    }
}
