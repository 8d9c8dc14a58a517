package io.tideway.query.warehouse;

/** The engine refused or failed a query; the message is the engine's own, for the user. */
public class QueryFailedException extends Exception {

    public QueryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
