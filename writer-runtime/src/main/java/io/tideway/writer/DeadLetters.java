package io.tideway.writer;

/**
 * Headers of a record on the dead-letter topic ({@link io.tideway.schemas.Topics#DEAD_LETTERS}): the record's
 * key and value are the undecodable original, byte for byte; these headers say where it came from and why it
 * could not be read.
 */
public final class DeadLetters {

    public static final String TOPIC_HEADER = "tideway.errors.topic";
    public static final String PARTITION_HEADER = "tideway.errors.partition";
    public static final String OFFSET_HEADER = "tideway.errors.offset";
    public static final String EXCEPTION_HEADER = "tideway.errors.exception.message";
    public static final String WORKER_HEADER = "tideway.errors.worker";

    private DeadLetters() {
    }
}
