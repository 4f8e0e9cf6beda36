package io.workbench.ext.runtime;

/**
 * One execution of a notebook cell, as the runtime sees it. A host opens it before the cell's code runs
 * ({@link NotebookRuntime#openCell}): what the cell started when it last ran stops, and queries and producers
 * started from now on belong to it. Around each piece of the cell's code, on the thread that runs it, the host
 * calls {@link #codeStarted} and {@link #codeFinished}, so that the Spark jobs of the code join the execution's job
 * group and show their progress. {@link #cancel} cancels those jobs from any thread; {@link #close} ends the
 * execution.
 */
public interface CellRun extends AutoCloseable {
    /** On the cell's thread, before a piece of its code runs. */
    void codeStarted(String code);

    /** On the cell's thread, after a piece of its code ran. */
    void codeFinished();

    /** Cancels the Spark jobs this execution started; safe from any thread. */
    void cancel();

    /**
     * The cell failed with {@code error}. When Spark refused to start a query the cell started itself
     * ({@code writeStream()...start()}), the query is listed as failed with the reason.
     */
    void failed(Throwable error);

    /** The execution has ended. */
    @Override
    void close();
}
