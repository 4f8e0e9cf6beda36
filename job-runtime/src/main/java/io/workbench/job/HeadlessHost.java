package io.workbench.job;

import io.workbench.ext.cluster.ExecutorClasses;
import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.runtime.RuntimeHost;
import io.workbench.ext.runtime.StreamingDisplay;

/**
 * The notebook runtime's host in a job JVM: no kernel and no cells. The job's own classes take the place of cell
 * snippets (Spark's tasks load them through the job's class loader), displays go to the log, and
 * {@code display(streamingDataset, name)} writes to a Kafka topic instead of a live view.
 *
 * @param snippetClassLoader the loader of the job's class
 * @param displaySink        where displays go: the log
 * @param streamingDisplay   how streaming displays start: {@link ResultTopics}
 * @param jobClass           the exported job's class; on a cluster, executors get its jar and the job runtime's
 *                           (the job's methods name {@link Job}: a job the server runs from its project's classes
 *                           has the runtime in a jar of its own, unlike a spark-submit jar that bundles both)
 */
record HeadlessHost(ClassLoader snippetClassLoader, DisplaySink displaySink, StreamingDisplay streamingDisplay,
                    Class<?> jobClass) implements RuntimeHost {
    @Override
    public ExecutorClasses executorClasses() {
        return ExecutorClasses.inJarsOf(jobClass, Job.class);
    }
}
