package io.workbench.ext.runtime;

import io.workbench.ext.LiveHandle;
import io.workbench.ext.query.QueryRefusedException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.Trigger;

/**
 * How {@code display(streamingDataset, ...)} starts the Dataset's query in a host. A kernel shows a live view below
 * the running cell (the runtime's own way, when the host names none); an exported job writes the result to a real
 * sink instead. Called on the thread that runs the notebook's code.
 */
@FunctionalInterface
public interface StreamingDisplay {
    /**
     * Starts the query of {@code ds}.
     *
     * @param queryName the query's name, or null for one the host makes
     * @param mode      the output mode the code asked for, or null to choose it from the plan
     * @param trigger   the trigger the code asked for, or null for the host's default
     * @throws QueryRefusedException when the query cannot give the right answer as asked (no output mode fits, its
     *                               checkpoint belongs to a different query)
     */
    LiveHandle start(Dataset<?> ds, String queryName, OutputMode mode, Trigger trigger);
}
