package io.workbench.ext.jjava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/jjava.md's {@code %maven} route on a machine that has only run {@code ./workbench build}: the script installs
 * the whole build into the local Maven repository, and from there {@code io.workbench:kernel-extensions} resolves,
 * with what it needs at run time, the way JJava's {@code %maven} resolves it.
 *
 * <p>The "fresh machine" is an empty local repository. The build's artifacts go into it as {@code mvn install}
 * puts them (each module's pom.xml and jar, the parent's pom), and the only remote repository is this build's own
 * local repository standing in for Maven Central: releases only, as Central is, so a workbench snapshot can only
 * come from the install. No network is used. Maven resolves as JJava 1.0-a6/1.0-a7 do (Maven Resolver, through
 * MIMA): {@code dependency:get} puts the artifact at the root of the request, so its own dependencyManagement
 * governs its transitive versions and its test and provided dependencies stay out.
 */
class JJavaMavenRouteIT {
    private static final Path REPO = Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("workbench.version");

    @Test
    void workbenchBuildInstallsTheWholeBuild(@TempDir Path tmp) throws Exception {
        // A copy of the script, so that its build stamp lands in tmp, and a mvn that records its arguments.
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(REPO.resolve("workbench"), checkout.resolve("workbench"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path args = tmp.resolve("mvn.args");
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + args + "\"\n");
        assertTrue(mvn.toFile().setExecutable(true));
        ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("workbench").toString(), "build");
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        pb.environment().remove("WORKBENCH_SKIP_BUILD");
        run(pb, tmp.resolve("workbench.log"), 60);

        List<String> mvnArgs = Files.readAllLines(args);
        assertTrue(mvnArgs.contains("install"), () -> "./workbench build ran: mvn " + mvnArgs);
        assertTrue(mvnArgs.contains("-DskipTests"), () -> "./workbench build ran: mvn " + mvnArgs);
        assertFalse(mvnArgs.stream().anyMatch(a -> a.equals("-pl") || a.startsWith("--projects") || a.equals("-N")),
                () -> "./workbench build must install every module, not some: mvn " + mvnArgs);
    }

    @Test
    void kernelExtensionsResolvesFromAFreshLocalRepositoryAsJJavaResolvesIt(@TempDir Path tmp) throws Exception {
        ReactorPom parent = new ReactorPom(REPO.resolve("pom.xml"));
        Path repo = Files.createDirectories(tmp.resolve("m2"));
        Path central = Path.of(System.getProperty("build.localRepository"));
        Path settings = Files.writeString(tmp.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>central</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(central.toUri()));
        String dependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:"
                + parent.pluginVersion("maven-dependency-plugin");
        List<String> maven = List.of(mvn(), "-B", "-s", settings.toString(), "-gs", settings.toString(),
                "-Dmaven.repo.local=" + repo);
        String get = dependencyPlugin + ":get";
        String artifact = "-Dartifact=io.workbench:kernel-extensions:" + VERSION;

        // The stand-in for Central may hold this build's snapshots from an earlier install, but like Central it
        // serves releases only: before the install, the runtime does not resolve.
        Path before = tmp.resolve("before-install.log");
        assertTrue(exitCode(command(maven, get, artifact).directory(tmp.toFile()), before, 120) != 0,
                () -> "kernel-extensions resolved before it was installed:\n" + readQuietly(before));
        assertTrue(readQuietly(before).contains("Could not find artifact io.workbench:kernel-extensions:jar:" + VERSION),
                () -> readQuietly(before));

        install(parent, repo, tmp);
        Path probe = Files.createDirectories(tmp.resolve("probe"));
        Files.writeString(probe.resolve("pom.xml"), probePom());
        Path classpathFile = tmp.resolve("classpath.txt");
        run(command(maven, "-f", probe.resolve("pom.xml").toString(), get, artifact,
                dependencyPlugin + ":build-classpath", "-Dmdep.includeScope=runtime",
                "-Dmdep.outputFile=" + classpathFile), tmp.resolve("resolve.log"), 240);

        List<Path> classpath = new ArrayList<>();
        for (String entry : Files.readString(classpathFile).strip().split(File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        List<String> jars = classpath.stream().map(p -> p.getFileName().toString()).sorted().toList();
        for (Path p : classpath) {
            assertTrue(p.startsWith(repo), () -> p + " is not from the fresh repository");
        }
        for (String expected : List.of("kernel-extensions-" + VERSION + ".jar", "workbench-config-" + VERSION + ".jar",
                "workbench-events-" + VERSION + ".jar",
                "spark-sql_2.12-" + parent.property("spark.version") + ".jar",
                "spark-sql-kafka-0-10_2.12-" + parent.property("spark.version") + ".jar",
                "spark-avro_2.12-" + parent.property("spark.version") + ".jar",
                // The build's pins win over what Spark and Avro would bring, as in the kernel's own class path.
                "kafka-clients-" + parent.property("kafka.clients.version") + ".jar",
                "avro-" + parent.property("avro.version") + ".jar",
                "slf4j-api-" + parent.property("slf4j.version") + ".jar",
                "jackson-databind-" + parent.property("jackson.spark.version") + ".jar")) {
            assertTrue(jars.contains(expected), () -> expected + " is not on the resolved class path: " + jars);
        }
        for (String absent : List.of("jjava", "junit", "workbench-test-kit", "jupyter-protocol", "kafka_2.13",
                "slf4j-api-1.", "kafka-clients-3.4")) {
            assertFalse(jars.stream().anyMatch(j -> j.startsWith(absent)),
                    () -> absent + "* must not be on the resolved class path: " + jars);
        }
        Path built = REPO.resolve("kernel-extensions/target/kernel-extensions-" + VERSION + ".jar");
        Path resolved = classpath.stream().filter(p -> p.getFileName().equals(built.getFileName())).findFirst().orElseThrow();
        assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(resolved), "the resolved runtime is not this build's");

        assertTheRuntimeLoadsFrom(classpath, resolved);
    }

    /** What {@code mvn install} installs, built by now: the parent's pom and each module's pom.xml and jar. */
    private static void install(ReactorPom parent, Path repo, Path tmp) throws Exception {
        StringBuilder executions = new StringBuilder(execution("parent", parent.file(), parent.file(), repo));
        for (String module : parent.modules()) {
            ReactorPom pom = new ReactorPom(REPO.resolve(module).resolve("pom.xml"));
            Path jar = REPO.resolve(module).resolve("target").resolve(pom.artifactId() + "-" + VERSION + ".jar");
            assertEquals("jar", pom.packaging(), module + ": this test installs jars only");
            if (Files.isRegularFile(jar)) {
                executions.append(execution(module, jar, pom.file(), repo));
            }
        }
        Path installer = Files.createDirectories(tmp.resolve("installer")).resolve("pom.xml");
        Files.writeString(installer, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId><artifactId>installer</artifactId><version>1</version><packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId>
                    <version>%s</version>
                    <executions>%s</executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(parent.pluginVersion("maven-install-plugin"), executions));
        // The plugin comes from the build's own local repository; localRepositoryPath is where it installs.
        run(new ProcessBuilder(mvn(), "-B", "-q", "-f", installer.toString(), "validate",
                "-Dmaven.repo.local=" + System.getProperty("build.localRepository")), tmp.resolve("install.log"), 120);
        assertTrue(Files.isRegularFile(repo.resolve("io/workbench/workbench-parent/" + VERSION
                + "/workbench-parent-" + VERSION + ".pom")), "the parent pom was not installed");
    }

    private static String execution(String id, Path file, Path pom, Path repo) {
        return """
                <execution><id>%s</id><phase>validate</phase><goals><goal>install-file</goal></goals>
                  <configuration><file>%s</file><pomFile>%s</pomFile><localRepositoryPath>%s</localRepositoryPath></configuration>
                </execution>
                """.formatted(id, file, pom, repo);
    }

    private static String probePom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId><artifactId>jjava-notebook</artifactId><version>1</version>
                  <!-- build-classpath lists what dependency:get resolved: importing kernel-extensions' own dependency
                       management makes a dependency on it resolve as a request with it at the root does. -->
                  <dependencyManagement><dependencies><dependency>
                    <groupId>io.workbench</groupId><artifactId>kernel-extensions</artifactId><version>%1$s</version>
                    <type>pom</type><scope>import</scope>
                  </dependency></dependencies></dependencyManagement>
                  <dependencies><dependency>
                    <groupId>io.workbench</groupId><artifactId>kernel-extensions</artifactId><version>%1$s</version>
                    <scope>runtime</scope>
                  </dependency></dependencies>
                </project>
                """.formatted(VERSION);
    }

    /**
     * Every class of the runtime loads from the resolved class path plus JJava's base library (which the kernel
     * provides), with the types its methods name, and JJava's ServiceLoader lookup finds the extension.
     */
    private static void assertTheRuntimeLoadsFrom(List<Path> classpath, Path runtimeJar) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            urls.add(p.toUri().toURL());
        }
        urls.add(Extension.class.getProtectionDomain().getCodeSource().getLocation());
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
             JarFile jar = new JarFile(runtimeJar.toFile())) {
            int loaded = 0;
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    c.getDeclaredMethods();
                    c.getDeclaredFields();
                    loaded++;
                }
            }
            assertTrue(loaded > 50, "only " + loaded + " classes in " + runtimeJar);
            Class<?> extension = loader.loadClass(Extension.class.getName());
            List<String> found = ServiceLoader.load(extension, loader).stream().map(p -> p.type().getName()).toList();
            assertEquals(List.of(WorkbenchExtension.class.getName()), found);
        }
    }

    private static String mvn() {
        return Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
    }

    private static ProcessBuilder command(List<String> maven, String... args) {
        List<String> command = new ArrayList<>(maven);
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static void run(ProcessBuilder pb, Path log, int timeoutSeconds) throws IOException, InterruptedException {
        assertEquals(0, exitCode(pb, log, timeoutSeconds),
                () -> String.join(" ", pb.command()) + " failed:\n" + readQuietly(log));
    }

    private static int exitCode(ProcessBuilder pb, Path log, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", pb.command()) + " took over " + timeoutSeconds + " s:\n"
                    + readQuietly(log));
        }
        return p.exitValue();
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
