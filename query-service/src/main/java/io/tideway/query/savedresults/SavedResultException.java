package io.tideway.query.savedresults;

/** A saved destination that cannot be created, found or used; the message says why, secrets masked. */
public class SavedResultException extends RuntimeException {

    /** Why, in the terms the API answers with. */
    public enum Reason { INVALID, NOT_FOUND, CONFLICT }

    private final Reason reason;

    public SavedResultException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
