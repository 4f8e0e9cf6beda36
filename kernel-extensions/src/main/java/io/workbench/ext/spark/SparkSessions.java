package io.workbench.ext.spark;

import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the notebook's SparkSession on its own thread whose context class loader is the snippet class
 * loader. Spark's local executors take that loader as their parent, which is what lets lambdas and classes
 * written in cells deserialize inside tasks; with any other loader they fail with a ClassCastException about
 * SerializedLambda.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** Starts a session with {@code config}'s settings as they are (a local master, or a host with nothing to ship). */
    public static CompletableFuture<SparkSession> start(SparkConfig config, ClassLoader snippetLoader) {
        return start(config.conf(), snippetLoader);
    }

    /**
     * Starts a session with these settings on a thread of its own.
     *
     * @param conf          every Spark setting, {@code spark.master} included
     * @param snippetLoader the context class loader of Spark's start, and so of local executors
     * @return completes with the session, or with what {@code getOrCreate} threw
     */
    public static CompletableFuture<SparkSession> start(java.util.Map<String, String> conf, ClassLoader snippetLoader) {
        CompletableFuture<SparkSession> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                SparkSession.Builder builder = SparkSession.builder();
                conf.forEach(builder::config);
                future.complete(builder.getOrCreate());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "spark-start");
        t.setContextClassLoader(snippetLoader);
        t.setDaemon(true);
        t.start();
        return future;
    }
}
