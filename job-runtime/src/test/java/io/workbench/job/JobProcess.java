package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A job JVM as the supervisor starts one: {@code java <Spark's JVM flags> -cp <classes>:<job runtime class path>
 * <job class> <options>}, its output in a log file, Kafka and the workbench home from its environment.
 */
final class JobProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private JobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code jobClass} with {@code args}; {@code env} is added to this JVM's environment. */
    static JobProcess start(Class<?> jobClass, Map<String, String> env, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.addAll(Arrays.asList(property("job-runtime.spark-jvm-flags").trim().split("\\s+")));
        command.add("-cp");
        command.add(property("job-runtime.classes") + File.pathSeparator + property("job-runtime.test-classes")
                + File.pathSeparator + Files.readString(Path.of(property("job-runtime.classpath-file"))).trim());
        command.add(jobClass.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        return new JobProcess(pb.start(), log);
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("run the integration tests through Maven (mvn verify): " + name + " is not set");
        }
        return v;
    }

    /** Waits for the JVM to exit and returns its exit status; fails the test if it is still running after {@code timeout}. */
    int await(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(exited, () -> "the job did not exit within " + timeout + "; its log ends:\n" + tail(60));
        return process.exitValue();
    }

    /** Sends SIGTERM, as the supervisor does to stop a job. */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
