package io.workbench.ext;

import io.workbench.ext.display.DisplayHandle;
import org.apache.spark.sql.streaming.StreamingQuery;

/** What {@code display(streamingDataset)} returns: the live output and the query behind it. */
public final class LiveHandle extends DisplayHandle {
    private final StreamingQuery query;

    /** Made by the runtime for the view it shows; {@code displayId} is the view's Jupyter display id. */
    public LiveHandle(String displayId, StreamingQuery query) {
        super(null, displayId);
        this.query = query;
    }

    public StreamingQuery query() {
        return query;
    }

    /** Stops the query; the view shows it as stopped. */
    public void stop() throws java.util.concurrent.TimeoutException {
        query.stop();
    }

    /** A live view updates itself with every micro-batch. */
    @Override
    public void update(Object value) {
        throw new UnsupportedOperationException("A live view updates itself with every micro-batch; display(...) "
                + "another value to show something else.");
    }

    @Override
    public String toString() {
        return "live view of " + query.name();
    }
}
