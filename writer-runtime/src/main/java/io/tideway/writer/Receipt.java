package io.tideway.writer;

/**
 * What a committed {@link Delivery} put at the destination, reported on the job's {@code DELIVERED} event.
 *
 * @param rows        rows delivered
 * @param bytes       bytes written to the destination (the file's size, the request bodies' size)
 * @param droppedRows rows the destination's limit cut off (0 where there is no limit)
 */
public record Receipt(long rows, long bytes, long droppedRows) {
}
