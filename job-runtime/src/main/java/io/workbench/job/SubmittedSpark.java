package io.workbench.job;

import java.util.Properties;
import java.util.function.Supplier;

/**
 * A job launched by {@code spark-submit} (or by a Spark operator, which runs spark-submit in the driver's pod) runs
 * with the Spark settings it was submitted with, not with the notebook runtime's laptop defaults ({@code local[*]},
 * the driver bound to 127.0.0.1), which would otherwise win: the runtime builds its session from its own settings.
 *
 * <p>spark-submit hands its settings to the driver as {@code spark.*} system properties, {@code spark.master} always
 * among them. Each becomes the workbench setting of the same name ({@code workbench.spark.*}) unless that is set
 * already. A driver whose address was not given gets Spark's own default for it (the host's name, bound to that
 * address), as executors on other machines must be able to reach it.
 */
final class SubmittedSpark {
    private static final String PREFIX = "workbench.";

    private SubmittedSpark() {
    }

    /** Whether spark-submit set up this JVM: it always passes {@code spark.master}. */
    static boolean submitted(Properties system) {
        return system.getProperty("spark.master") != null;
    }

    /**
     * Makes spark-submit's settings the runtime's; does nothing for a JVM spark-submit did not start.
     *
     * @param system      the system properties, changed in place
     * @param defaultHost Spark's default driver host, asked for only when the submission names none
     * @return whether the JVM was started by spark-submit
     */
    static boolean adopt(Properties system, Supplier<String> defaultHost) {
        if (!submitted(system)) {
            return false;
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("spark.") && system.getProperty(PREFIX + key) == null) {
                system.setProperty(PREFIX + key, system.getProperty(key));
            }
        }
        String host = system.getProperty(PREFIX + "spark.driver.host");
        if (host == null) {
            host = defaultHost.get();
            system.setProperty(PREFIX + "spark.driver.host", host);
        }
        if (system.getProperty(PREFIX + "spark.driver.bindAddress") == null) {
            system.setProperty(PREFIX + "spark.driver.bindAddress", host);
        }
        return true;
    }

    /** The host name Spark gives a driver when none is configured (SPARK_LOCAL_HOSTNAME, SPARK_LOCAL_IP, the host's). */
    static String sparkDefaultHost() {
        return org.apache.spark.util.Utils.localCanonicalHostName();
    }
}
