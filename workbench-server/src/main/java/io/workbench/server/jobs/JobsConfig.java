package io.workbench.server.jobs;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import io.workbench.process.Supervisor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the server runs jobs: where their files go, the class paths of the exporter and the job runtime (the
 * launcher script passes the build's), what happens to running jobs when the server stops, and how failed
 * continuous runs are restarted.
 *
 * @param home         the workbench home (WORKBENCH_HOME), which job JVMs get too
 * @param runtimeHome  the job runtime's build directory: {@code classes/}, {@code job-runtime.classpath} (its
 *                     dependencies) and {@code job-runtime.jvm-options} (the JVM flags Spark needs)
 * @param exporterHome the exporter's build directory: {@code classes/} and {@code jobs.classpath}
 * @param leaveRunning whether continuous runs keep running when the server stops (else they are stopped)
 */
public record JobsConfig(Path home, Path dir, Path runtimeHome, Path exporterHome, boolean leaveRunning,
                         Duration stopTimeout, Supervisor.Policy restarts, boolean catchUp, String heap) {

    public static final ConfigKey<Path> DIR = ConfigKey.path("jobs.dir", "data/jobs",
            "Where jobs keep their database, exported projects, runs' logs and checkpoints.");
    public static final ConfigKey<Path> RUNTIME_HOME = ConfigKey.path("jobs.runtime-home", "job-runtime/target",
            "The job runtime's build (classes, class path and JVM options files), as ./workbench build makes it.");
    public static final ConfigKey<Path> EXPORTER_HOME = ConfigKey.path("jobs.exporter-home", "jobs/target",
            "The notebook exporter's build (classes and class path file), as ./workbench build makes it.");
    public static final ConfigKey<String> ON_SERVER_STOP = ConfigKey.string("jobs.on-server-stop", "stop",
            "What happens to running jobs when the server stops: stop (SIGTERM, then kill after jobs.stop-timeout-seconds)"
                    + " or leave (they keep running, and the next server start supervises them again).");
    public static final ConfigKey<Integer> STOP_TIMEOUT = ConfigKey.integer("jobs.stop-timeout-seconds", 75,
            "How long a stopping run may take to stop its queries between batches before it is killed (a run waits up to"
                    + " 60 s for a running batch itself).");
    public static final ConfigKey<Integer> RESTART_INITIAL = ConfigKey.integer("jobs.restart.initial-delay-seconds", 2,
            "Delay before restarting a failed continuous run; it doubles with each restart.");
    public static final ConfigKey<Integer> RESTART_MAX = ConfigKey.integer("jobs.restart.max-delay-seconds", 60,
            "The longest delay between restarts of a failed continuous run.");
    public static final ConfigKey<Integer> RESTART_ATTEMPTS = ConfigKey.integer("jobs.restart.max-attempts", 5,
            "Restarts allowed within jobs.restart.window-minutes; one more failure ends the job as failed (crash loop).");
    public static final ConfigKey<Integer> RESTART_WINDOW = ConfigKey.integer("jobs.restart.window-minutes", 10,
            "The window in which restarts are counted.");
    public static final ConfigKey<String> CATCH_UP = ConfigKey.string("jobs.catch-up", "once",
            "Scheduled runs missed while the server was down: once (one run makes up for them) or none.");
    public static final ConfigKey<String> HEAP = ConfigKey.string("jobs.heap", "1g", "Maximum heap of a job JVM.");

    public static final List<ConfigKey<?>> KEYS = List.of(DIR, RUNTIME_HOME, EXPORTER_HOME, ON_SERVER_STOP,
            STOP_TIMEOUT, RESTART_INITIAL, RESTART_MAX, RESTART_ATTEMPTS, RESTART_WINDOW, CATCH_UP, HEAP);

    /** @throws io.workbench.config.ConfigException for a value that is not one of those allowed */
    public static JobsConfig from(Settings s) {
        String onStop = s.get(ON_SERVER_STOP);
        if (!onStop.equals("stop") && !onStop.equals("leave")) {
            throw new io.workbench.config.ConfigException(ON_SERVER_STOP.envName() + " must be stop or leave, not '"
                    + onStop + "'.");
        }
        String catchUp = s.get(CATCH_UP);
        if (!catchUp.equals("once") && !catchUp.equals("none")) {
            throw new io.workbench.config.ConfigException(CATCH_UP.envName() + " must be once or none, not '" + catchUp + "'.");
        }
        return new JobsConfig(s.home(), s.resolve(DIR), s.resolve(RUNTIME_HOME), s.resolve(EXPORTER_HOME), onStop.equals("leave"),
                Duration.ofSeconds(s.get(STOP_TIMEOUT)), new Supervisor.Policy(Duration.ofSeconds(s.get(RESTART_INITIAL)),
                Duration.ofSeconds(s.get(RESTART_MAX)), s.get(RESTART_ATTEMPTS), Duration.ofMinutes(s.get(RESTART_WINDOW))),
                catchUp.equals("once"), s.get(HEAP));
    }

    /** The job runtime's class path: its classes and its dependencies. */
    public String runtimeClasspath() {
        return classpath(runtimeHome, "job-runtime.classpath");
    }

    /** The exporter's class path: its classes and its dependencies. */
    public String exporterClasspath() {
        return classpath(exporterHome, "jobs.classpath");
    }

    /** The JVM flags a job needs to run Spark on JDK 17 (Spark's own --add-opens list). */
    public List<String> jvmFlags() {
        return List.of(read(runtimeHome.resolve("job-runtime.jvm-options")).trim().split("\\s+"));
    }

    private static String classpath(Path home, String file) {
        return home.resolve("classes") + java.io.File.pathSeparator + read(home.resolve(file)).trim();
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new JobException.Invalid("Jobs need the workbench's build: " + file + " is missing. Run ./workbench"
                    + " build (or set " + RUNTIME_HOME.envName() + " and " + EXPORTER_HOME.envName() + ").", e);
        }
    }
}
