package io.tideway.query.runner;

import io.tideway.query.warehouse.Column;
import io.tideway.query.warehouse.RowSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cuts a streamed result into batches of at most {@code batchBytes} (as {@link RowSizes} counts them; a single row
 * larger than that travels alone) and hands each to the target. Between batches it asks whether to stop (the
 * supplier answers true for a killed job, or throws its own exception); and whether publishing has taken so long that the Kafka transaction would
 * time out, and fails the job then rather than let the broker abort it and the job run again forever.
 */
final class ResultBatcher implements RowSink {

    /** Room left in each message for the record's own fields (job id, sequence, framing). */
    static final int ENVELOPE_BYTES = 512;

    private final ResultTarget target;
    private final long budget;
    private final BooleanSupplier stop;
    private final String jobId;
    private final long publishLimitNanos;
    private long publishingSince;
    private List<Column> columns = List.of();
    private List<List<Object>> rows = new ArrayList<>();
    private long bytes;
    private long rowCount;
    private int batchCount;

    ResultBatcher(String jobId, ResultTarget target, int batchBytes, BooleanSupplier stop, Duration publishLimit) {
        this.jobId = jobId;
        this.publishLimitNanos = publishLimit.toNanos();
        this.target = target;
        this.budget = batchBytes - ENVELOPE_BYTES;
        this.stop = stop;
    }

    @Override
    public void columns(List<Column> resultColumns) {
        this.columns = List.copyOf(resultColumns);
        publishingSince = System.nanoTime();
        target.begin(columns);
    }

    @Override
    public void row(List<Object> cells) {
        long size = RowSizes.estimate(cells);
        if (!rows.isEmpty() && bytes + size > budget) {
            flush();
        }
        rows.add(cells);
        bytes += size;
        rowCount++;
    }

    /** Sends the last batch and the end marker. */
    void finish() {
        if (!rows.isEmpty()) {
            flush();
        }
        target.end(rowCount, batchCount);
    }

    List<Column> columns() {
        return columns;
    }

    long rowCount() {
        return rowCount;
    }

    int batchCount() {
        return batchCount;
    }

    private void flush() {
        if (stop.getAsBoolean()) {
            throw new JobKilledException(jobId);
        }
        if (System.nanoTime() - publishingSince > publishLimitNanos) {
            throw new ResultTooSlowException(jobId, Duration.ofNanos(publishLimitNanos));
        }
        target.batch(batchCount++, rows);
        rows = new ArrayList<>();
        bytes = 0;
    }
}
