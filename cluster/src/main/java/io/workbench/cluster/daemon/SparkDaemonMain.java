package io.workbench.cluster.daemon;

import io.workbench.process.ParentWatch;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The main of a Spark master or worker JVM: runs Spark's own main class with the remaining arguments, and ends the JVM
 * when the process that started it is gone ({@link ParentWatch}), unless {@value #DETACHED_PROPERTY} is {@code true}
 * (a cluster started by {@code ./workbench cluster start} outlives that command). A worker that ends this way kills its
 * executors in Spark's own shutdown hook.
 *
 * <p>Usage: {@code SparkDaemonMain <spark main class> <its arguments>...}.
 */
public final class SparkDaemonMain {
    /** System property: {@code true} for a daemon that keeps running when the process that started it exits. */
    public static final String DETACHED_PROPERTY = "workbench.cluster.detached";

    private SparkDaemonMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (!Boolean.getBoolean(DETACHED_PROPERTY)) {
            ParentWatch.watch(null, () -> System.exit(0));
        }
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
