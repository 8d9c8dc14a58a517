package io.tideway.query.jobs;

/** A job request refused before anything was published; the message says why, secrets masked. */
public class JobRejectedException extends RuntimeException {

    /** Why a request was refused, in the terms the API answers with. */
    public enum Reason { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Reason reason;
    private final String conflictsWith;

    public JobRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public JobRejectedException(Reason reason, String message, String conflictsWith) {
        super(message);
        this.reason = reason;
        this.conflictsWith = conflictsWith;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#CONFLICT}: the job that already holds the domain key. */
    public String conflictsWith() {
        return conflictsWith;
    }
}
