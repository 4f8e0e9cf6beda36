package io.workbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped notebooks 02 and 06 export to projects that Maven builds offline into a runnable jar: the main class
 * and a {@code lib/} class path in its manifest, and in {@code target/lib} exactly the jars the job runtime runs on;
 * and into a jar for spark-submit, which runs with nothing but Spark's jars beside it. Notebook 02's job then runs
 * once through its own {@code run/spark-submit.sh}, with Spark's launcher, on {@code local[2]} against a real broker
 * ({@link ExportSparkSubmitRun}).
 *
 * <p>The 02 export runs {@link ExportMain} in its own JVM, as the server and the CLI run it, with class loading
 * logged: Spark is on that JVM's class path, and not one Spark or Scala class may be loaded.
 *
 * <p>The exported projects resolve {@code io.workbench:workbench-job-runtime} from this build's local Maven
 * repository, offline. {@code ./workbench test} runs {@code mvn install}, which puts it there before this module's
 * tests; so that they build against this build's runtime also in a {@code verify} of some modules
 * ({@code -pl jobs -am}), and not against another checkout's install, the test first installs what
 * {@code mvn install} would for the runtime: the parent pom, and the pom and jar of job-runtime and of every module on
 * its class path (about 10 s).
 */
class ExportIT {
    private static final Path REPO = Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("workbench.version");
    private static final Path LOCAL_REPO = Path.of(System.getProperty("build.localRepository",
            System.getProperty("user.home") + "/.m2/repository"));

    @TempDir
    Path tmp;

    @Test
    void theShippedNotebooksExportToProjectsThatBuildARunnableJar() throws Exception {
        RuntimeClasspath runtime = TestRuntime.jobRuntime();
        long started = System.nanoTime();

        Path sales = tmp.resolve("sales");
        Path classLog = tmp.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-cp", System.getProperty("java.class.path"),
                ExportMain.class.getName(), "notebooks/02-sales-per-window.ipynb", "--out", sales.toString(),
                "--classpath", runtime.toString(), "--json"));
        Path exportLog = tmp.resolve("export.log");
        run(new ProcessBuilder(command).directory(REPO.toFile()), exportLog, 300);
        JsonNode result = new ObjectMapper().readTree(Files.readString(exportLog).lines()
                .filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertTrue(result.get("ok").asBoolean(), result.toString());
        assertEquals("jobs.SalesPerWindowJob", result.get("mainClass").asText());
        List<String> kept = new ArrayList<>();
        result.get("cells").forEach(c -> {
            if (c.get("kept").asBoolean()) {
                kept.add(c.get("id").asText());
            }
        });
        assertEquals(List.of("sw-01", "sw-05", "sw-07", "sw-08", "sw-09", "sw-10"), kept, "the parameters and the queries");
        assertLoadedNoSpark(classLog);
        started = lap("export 02 (ExportMain, own JVM)", started);

        assertTrue(Files.isExecutable(sales.resolve("run/spark-submit.sh")));
        assertTrue(Files.isRegularFile(sales.resolve("k8s/spark-application.yaml")), "no mode: both manifests");
        assertTrue(Files.isRegularFile(sales.resolve("k8s/scheduled-spark-application.yaml")));

        Path lake = tmp.resolve("lake");
        ExportResult lakeResult = NotebookExporter.create(runtime)
                .export(new ExportRequest(REPO.resolve("notebooks/06-data-lake.ipynb"), lake, null,
                        new Deployment(Deployment.Mode.SCHEDULED, "*/15 * * * *", "Europe/Paris", null)));
        assertEquals(List.of(), lakeResult.errors());
        assertEquals(List.of("dl-01", "dl-03", "dl-05"),
                lakeResult.cells().stream().filter(CellReport::kept).map(CellReport::cellId).toList());
        String lakeSource = Files.readString(lake.resolve("src/main/java/jobs/DataLakeJob.java"));
        assertTrue(lakeSource.contains("return job.start(kafka.events(topic)"), lakeSource);
        assertTrue(Files.readString(lake.resolve("k8s/scheduled-spark-application.yaml"))
                .contains("\n  schedule: '*/15 * * * *'\n  timeZone: Europe/Paris\n"));
        assertTrue(Files.notExists(lake.resolve("k8s/spark-application.yaml")), "a scheduled job: its manifest only");
        started = lap("export 06 (in process)", started);

        installRuntime(runtime);
        started = lap("install the runtime's modules", started);
        Set<String> runtimeJars = runtime.entries().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertBuildsARunnableJar(sales, "sales-per-window", "jobs.SalesPerWindowJob", runtimeJars);
        assertClusterJar(sales.resolve("target/sales-per-window-cluster.jar"), "jobs.SalesPerWindowJob");
        started = lap("mvn -o package 02", started);
        assertBuildsARunnableJar(lake, "data-lake", "jobs.DataLakeJob", runtimeJars);
        assertClusterJar(lake.resolve("target/data-lake-cluster.jar"), "jobs.DataLakeJob");
        started = lap("mvn -o package 06", started);

        List<Path> spark = SparkHome.sparkJars(runtime, REPO);
        assertRunsWithSparkAlone(sales.resolve("target/sales-per-window-cluster.jar"), "jobs.SalesPerWindowJob",
                spark, runtime.jvmOptions());
        started = lap("the cluster jar's --help with Spark's jars", started);
        ExportSparkSubmitRun submit = new ExportSparkSubmitRun(sales, SparkHome.create(tmp.resolve("spark-home"), spark), tmp);
        submit.run();
        started = lap("run/spark-submit.sh, once, local[2]", started);
        submit.runOnCluster();
        lap("run/spark-submit.sh on the local cluster, scheduled then continuous", started);
    }

    /**
     * The jar for spark-submit holds the job, the workbench's runtime, the Kafka source and Avro, with the data
     * sources registered, and not Spark, Scala or Hadoop, which the cluster has.
     */
    private static void assertClusterJar(Path jar, String mainClass) throws IOException {
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals(mainClass, j.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
            assertEquals(null, j.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH), "no lib/");
            for (String held : List.of(mainClass.replace('.', '/') + ".class", "io/workbench/job/Job.class",
                    "io/workbench/ext/kafka/KafkaTools.class", "io/workbench/ext/spark/EventFrames.class",
                    "io/workbench/events/EventSchemas.class", "avro/ecommerce-event-v2.avsc",
                    "org/apache/spark/sql/kafka010/KafkaSourceProvider.class",
                    "org/apache/kafka/clients/consumer/KafkaConsumer.class", "org/apache/spark/sql/avro/functions.class",
                    "org/apache/avro/Schema.class", "picocli/CommandLine.class")) {
                assertTrue(j.getEntry(held) != null, jar.getFileName() + " lacks " + held);
            }
            for (String left : List.of("org/apache/spark/SparkContext.class", "org/apache/spark/sql/Dataset.class",
                    "scala/Predef.class", "org/apache/hadoop/conf/Configuration.class",
                    "com/fasterxml/jackson/databind/ObjectMapper.class")) {
                assertEquals(null, j.getEntry(left), jar.getFileName() + " holds " + left + ": the cluster has it");
            }
            String sources;
            try (var in = j.getInputStream(j.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))) {
                sources = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(sources.contains("org.apache.spark.sql.kafka010.KafkaSourceProvider")
                    && sources.contains("org.apache.spark.sql.v2.avro.AvroDataSourceV2"), sources);
        }
    }

    /** The cluster jar with nothing but Spark's jars beside it runs the job's main: {@code --help} exits 0. */
    private void assertRunsWithSparkAlone(Path jar, String mainClass, List<Path> spark, List<String> jvmOptions)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + spark.stream().map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator)), mainClass, "--help"));
        Path log = tmp.resolve("help.log");
        run(new ProcessBuilder(command), log, 120);
        assertTrue(Files.readString(log).contains("--checkpoint-dir=DIR"), Files.readString(log));
    }

    private static long lap(String step, long since) {
        long now = System.nanoTime();
        System.out.printf("ExportIT: %s took %.1f s%n", step, (now - since) / 1e9);
        return now;
    }

    private void assertBuildsARunnableJar(Path project, String name, String mainClass, Set<String> runtimeJars)
            throws Exception {
        run(new ProcessBuilder(mvn(), "-B", "-q", "-o", "package", "-Dmaven.repo.local=" + LOCAL_REPO)
                .directory(project.toFile()), tmp.resolve(name + "-package.log"), 300);
        Path jar = project.resolve("target/" + name + ".jar");
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        Set<String> lib;
        try (Stream<Path> s = Files.list(project.resolve("target/lib"))) {
            lib = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(runtimeJars, lib, "target/lib holds exactly what the job runtime runs on");
        try (JarFile j = new JarFile(jar.toFile())) {
            Attributes manifest = j.getManifest().getMainAttributes();
            assertEquals(mainClass, manifest.getValue(Attributes.Name.MAIN_CLASS));
            List<String> classPath = Arrays.asList(manifest.getValue(Attributes.Name.CLASS_PATH).trim().split("\\s+"));
            assertEquals(lib.size(), classPath.size(), classPath.toString());
            for (String entry : classPath) {
                assertTrue(entry.startsWith("lib/") && Files.isRegularFile(project.resolve("target").resolve(entry)),
                        () -> entry + " is not a jar in target/lib");
            }
            assertTrue(j.getEntry(mainClass.replace('.', '/') + ".class") != null, "the jar holds " + mainClass);
        }
    }

    /** Class loading logged by the export JVM: the exporter's own classes, JShell's and javac's, never Spark's. */
    private static void assertLoadedNoSpark(Path classLog) throws IOException {
        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.workbench.jobs.ExportMain ")), "class loading was logged");
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" jdk.jshell.JShell ")), "JShell analysed the cells");
        List<String> spark = loaded.stream().filter(l -> l.contains(" org.apache.spark.") || l.contains(" scala.")).toList();
        assertEquals(List.of(), spark, "the exporter loaded Spark or Scala classes");
    }

    /** What {@code mvn install} puts into the local repository for the job runtime and the modules it runs on. */
    private void installRuntime(RuntimeClasspath runtime) throws Exception {
        StringBuilder executions = new StringBuilder(execution("parent", REPO.resolve("pom.xml"), REPO.resolve("pom.xml")));
        for (Path entry : runtime.entries()) {
            Path module = entry.toAbsolutePath().getParent().getParent();
            if (entry.startsWith(REPO) && entry.toString().endsWith(".jar")) {
                executions.append(execution(module.getFileName().toString(), entry, module.resolve("pom.xml")));
            }
        }
        Path installer = Files.createDirectories(tmp.resolve("installer")).resolve("pom.xml");
        Files.writeString(installer, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId><artifactId>installer</artifactId><version>1</version><packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId>
                    <version>3.1.2</version>
                    <executions>%s</executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(executions));
        run(new ProcessBuilder(mvn(), "-B", "-q", "-o", "-f", installer.toString(), "validate",
                "-Dmaven.repo.local=" + LOCAL_REPO), tmp.resolve("install.log"), 120);
        Path installed = LOCAL_REPO.resolve("io/workbench/workbench-job-runtime/" + VERSION
                + "/workbench-job-runtime-" + VERSION + ".jar");
        assertTrue(Files.isRegularFile(installed), installed + " was not installed");
    }

    private static String execution(String id, Path file, Path pom) {
        return """
                <execution><id>%s</id><phase>validate</phase><goals><goal>install-file</goal></goals>
                  <configuration><file>%s</file><pomFile>%s</pomFile></configuration>
                </execution>
                """.formatted(id, file, pom);
    }

    private static String mvn() {
        return Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
    }

    static void run(ProcessBuilder pb, Path log, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", pb.command()) + " took over " + timeoutSeconds + " s:\n"
                        + Files.readString(log));
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", pb.command()) + " failed:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
