package io.tideway.writer;

import java.util.List;

/**
 * One attempt at delivering one job's result, opened by {@link Destination#open(DeliveryRequest)}. It is used by
 * one thread at a time and ends with exactly one call of {@link #commit()} or {@link #abort()} (the runtime may
 * call {@code abort()} after a failed {@code commit()} too).
 */
public interface Delivery {

    /**
     * Writes the next batch of rows. Batches arrive in the order the query produced them, each row with one cell
     * per column: {@code null}, {@link Boolean}, {@link Long}, {@link Double} or {@link String} (arrays, maps and
     * structs arrive as JSON text, dates and times as ISO-8601 text). The list is only valid during the call.
     *
     * @throws DeliveryException when the rows cannot be written; the runtime then calls {@link #abort()}
     */
    void write(List<List<Object>> rows) throws DeliveryException;

    /**
     * Writes the next batch of rows as they travel on the results topic. The runtime calls this one; by default it
     * decodes the rows and calls {@link #write(List)}. A destination that writes bytes overrides it to walk the
     * cells without making an object per row or cell ({@link EncodedRows#forEach}).
     *
     * @throws DeliveryException when the rows cannot be written; the runtime then calls {@link #abort()}
     */
    default void write(EncodedRows rows) throws DeliveryException {
        write(rows.decode());
    }

    /**
     * Makes the whole result visible at the destination in one final, idempotent step (see {@link Destination})
     * and releases the connection. Called once, after the last batch.
     *
     * @return what was delivered
     * @throws DeliveryException when the result could not be made visible; nothing partial may then be visible
     */
    Receipt commit() throws DeliveryException;

    /**
     * Gives the attempt up: removes whatever was written so far (best effort) and releases the connection. Never
     * leaves a partial result visible and never throws; may be called after a failed {@link #write} or
     * {@link #commit()}, and from another thread than the writing one only after that thread has stopped using it.
     */
    void abort();
}
