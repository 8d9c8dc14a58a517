package io.tideway.query.runner;

import io.tideway.query.warehouse.Column;
import java.util.List;

/** Where a job's result goes while it is produced: a results topic, or a result file kept with the job. */
interface ResultTarget {

    void begin(List<Column> columns);

    /** Whether batches come as the rows themselves ({@link #batch}) rather than as encoded messages. */
    default boolean wantsRows() {
        return true;
    }

    void batch(int sequence, List<List<Object>> rows);

    /**
     * One batch as the complete encoded {@code ResultMessage} (see {@link RowBatchEncoder}), for a target whose
     * {@link #wantsRows} is false.
     */
    default void encodedBatch(int sequence, byte[] message) {
        throw new UnsupportedOperationException("This target takes rows");
    }

    void end(long rowCount, int batchCount);

    /** The job stopped before {@link #end}: drop whatever was written outside the Kafka transaction. */
    void discard();

    /** The masked destination, for logs. */
    String describe();
}
