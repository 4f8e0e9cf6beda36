package io.workbench.ext.query;

/**
 * A streaming query that was not started because it could not give the right answer as asked: Spark refuses its
 * output mode, its checkpoint belongs to a different query, or its trigger does not fit. The message is one
 * sentence for the user, saying why and what to do; {@link #kind()} says which of these it is.
 */
public final class QueryRefusedException extends IllegalStateException {
    private final QueryFailure.Kind kind;

    public QueryRefusedException(QueryFailure.Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public QueryFailure.Kind kind() {
        return kind;
    }
}
