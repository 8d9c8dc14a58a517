package io.tideway.schemas;

/**
 * Headers of a record on {@link Topics#DEAD_LETTERS}, the same for every service that moves a record there: the
 * record's key and value are the original, byte for byte; these say where it came from and why it was refused.
 */
public final class DeadLetterHeaders {

    public static final String TOPIC = "tideway.errors.topic";
    public static final String PARTITION = "tideway.errors.partition";
    public static final String OFFSET = "tideway.errors.offset";
    /** Why the record was refused, a sentence for people. */
    public static final String REASON = "tideway.errors.exception.message";
    /** The worker that refused it. */
    public static final String WORKER = "tideway.errors.worker";

    private DeadLetterHeaders() {
    }
}
