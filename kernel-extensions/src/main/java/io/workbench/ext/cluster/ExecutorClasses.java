package io.workbench.ext.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * How the classes a runtime host runs reach a cluster's executors, besides the runtime's own jars, which every host
 * ships ({@link ExecutorJars}).
 *
 * @param replClassDir the directory where the host writes classes it defines while it runs (JShell cells), served to
 *                     executors as Spark's {@code spark.repl.class.outputDir}; null when there is none
 * @param jarsOf       classes whose jars (or class directories) executors need: an exported job's class
 * @param unsupported  null, or why this host cannot run Spark functions on a cluster and what to do instead
 */
public record ExecutorClasses(Path replClassDir, List<Class<?>> jarsOf, String unsupported) {

    /** Classes defined at run time, written to {@code dir}: our JShell kernel. */
    public static ExecutorClasses replDirectory(Path dir) {
        return new ExecutorClasses(dir, List.of(), null);
    }

    /** Every class is in a jar on the class path: an exported job, whose jar holds {@code main}. */
    public static ExecutorClasses inJarsOf(Class<?>... classes) {
        return new ExecutorClasses(null, List.of(classes), null);
    }

    /** This host's classes cannot reach executors; {@code why} says so and what to use instead. */
    public static ExecutorClasses unsupported(String why) {
        return new ExecutorClasses(null, List.of(), why);
    }
}
