package io.workbench.cluster.spark;

import io.workbench.cluster.daemon.SparkDaemonMain;
import io.workbench.process.ChildProcess;
import io.workbench.process.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the Spark master and worker JVMs are started: Spark's own main classes (behind {@link SparkDaemonMain}) on
 * {@code SPARK_HOME/jars}, bound to 127.0.0.1, with an explicit heap. Their stdout and stderr (Spark logs to the
 * console) go to {@code console.log} in each node's directory; a worker's executors log under its {@code work/}.
 */
public final class SparkDaemons {
    private static final String MASTER = "org.apache.spark.deploy.master.Master";
    private static final String WORKER = "org.apache.spark.deploy.worker.Worker";

    private final Path sparkHome;
    private final String heap;
    private final List<String> sparkJvmFlags;
    private final String classpath;

    /**
     * @param sparkHome what {@link SparkHome#prepare} made
     * @param heap      each daemon's maximum heap (256m)
     * @throws IOException when the build's files are missing
     */
    public SparkDaemons(Path sparkHome, String heap) throws IOException {
        this.sparkHome = sparkHome;
        this.heap = heap;
        this.sparkJvmFlags = jvmFlags();
        this.classpath = String.join(File.pathSeparator, sparkHome.resolve("jars") + File.separator + "*",
                codeSource(SparkDaemonMain.class), codeSource(ParentWatch.class));
    }

    /** The master, its RPC on {@code port} and its web UI on {@code uiPort}; {@code jvmFlags} go before its main. */
    public ChildProcess.Spec master(String name, Path dir, int port, int uiPort, List<String> jvmFlags) {
        return spec(name, dir, jvmFlags, MASTER, List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(uiPort)));
    }

    /** A worker that offers {@code cores} and {@code memory} (512m, 1g) to executors of {@code masterUrl}'s apps. */
    public ChildProcess.Spec worker(String name, Path dir, String masterUrl, int port, int uiPort, int cores,
                                    String memory, List<String> jvmFlags) {
        return spec(name, dir, jvmFlags, WORKER, List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(uiPort), "--cores", String.valueOf(cores), "--memory", memory,
                "--work-dir", dir.resolve("work").toString(), masterUrl));
    }

    /** Ready once the master at {@code uiUrl} says it is ALIVE. */
    public static ChildProcess.Readiness masterReady(String uiUrl) {
        return child -> MasterStatus.fetch(uiUrl).alive();
    }

    /** Ready once the master at {@code uiUrl} lists the worker of {@code port} as ALIVE. */
    public static ChildProcess.Readiness workerReady(String uiUrl, int port) {
        return child -> MasterStatus.fetch(uiUrl).worker(port).map(MasterStatus.Worker::alive).orElse(false);
    }

    private ChildProcess.Spec spec(String name, Path dir, List<String> jvmFlags, String main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaBin()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-Xmx" + heap, "-Xms64m", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true"));
        command.addAll(sparkJvmFlags);
        command.addAll(List.of("-cp", classpath, SparkDaemonMain.class.getName(), main));
        command.addAll(args);
        // Workers build executor command lines from SPARK_HOME/jars; SPARK_LOCAL_IP binds the web UIs to loopback.
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION",
                SparkHome.SCALA_VERSION, "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOCAL_DIRS",
                dir.resolve("local").toString(), "JAVA_HOME", System.getProperty("java.home"));
        return new ChildProcess.Spec(name, command, env, dir, dir.resolve("console.log"));
    }

    /** Spark's --add-opens list for JDK 17, as the root pom declares it. */
    private static List<String> jvmFlags() throws IOException {
        try (InputStream in = SparkDaemons.class.getResourceAsStream("jvm.flags")) {
            if (in == null) {
                throw new IOException("jvm.flags is missing from the build of the cluster module; run ./workbench build.");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"))
                    .filter(s -> !s.isEmpty()).toList();
        }
    }

    private static String codeSource(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
