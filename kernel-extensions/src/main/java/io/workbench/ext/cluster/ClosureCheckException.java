package io.workbench.ext.cluster;

import java.util.List;

/**
 * Code was refused before it ran because a Spark function in it would read driver state on the executors of a
 * cluster ({@link ClosureCheck}). Its message names each variable, where it is declared and read, and what to write
 * instead; its stack trace has one frame per read, so a notebook shows the cell and line of each.
 */
public final class ClosureCheckException extends RuntimeException {
    private final transient List<ClosureCheck.DriverRead> reads;

    /**
     * @param message what the user reads: the variables, why the result would be wrong, the fix
     * @param reads   the reads found, in order
     * @param frames  a frame per read (class, method, source file and line of the read)
     */
    public ClosureCheckException(String message, List<ClosureCheck.DriverRead> reads, StackTraceElement[] frames) {
        super(message, null, false, true);
        this.reads = List.copyOf(reads);
        setStackTrace(frames);
    }

    /** The reads that made the code wrong on a cluster. */
    public List<ClosureCheck.DriverRead> reads() {
        return reads;
    }
}
