package io.tideway.query.runner;

import io.tideway.query.warehouse.Column;
import io.tideway.query.warehouse.Utf8StringSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cuts a streamed result into batches of at most {@code batchBytes} and hands each to the target. A target that
 * takes encoded messages (the results topics) gets them from a {@link RowBatchEncoder}, which encodes each row as it
 * arrives and so counts the batch's bytes exactly; one that takes rows gets lists bounded by {@link RowSizes}'
 * estimate. A single row larger than the bound travels alone. Between batches it asks whether to stop (the
 * supplier answers true for a killed job, or throws its own exception); and whether publishing has taken so long that the Kafka transaction would
 * time out, and fails the job then rather than let the broker abort it and the job run again forever.
 */
final class ResultBatcher implements Utf8StringSink {

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
    /** Null when the target takes rows. */
    private final RowBatchEncoder encoder;
    private long bytes;
    private long rowCount;
    private int batchCount;

    ResultBatcher(String jobId, ResultTarget target, int batchBytes, BooleanSupplier stop, Duration publishLimit) {
        this.jobId = jobId;
        this.publishLimitNanos = publishLimit.toNanos();
        this.target = target;
        this.budget = batchBytes - ENVELOPE_BYTES;
        this.stop = stop;
        this.encoder = target.wantsRows() ? null : new RowBatchEncoder();
    }

    /** The encoder writes a string's UTF-8 bytes as they come; a target that takes rows needs Strings. */
    @Override
    public boolean takesUtf8Strings() {
        return encoder != null;
    }

    @Override
    public void columns(List<Column> resultColumns) {
        this.columns = List.copyOf(resultColumns);
        publishingSince = System.nanoTime();
        target.begin(columns);
    }

    @Override
    public void row(List<Object> cells) {
        if (encoder != null) {
            encoder.add(cells);
            rowCount++;
            if (encoder.rows() > 1 && encoder.size() > budget) {
                flush(true);
            }
            return;
        }
        long size = RowSizes.estimate(cells);
        if (!rows.isEmpty() && bytes + size > budget) {
            flush(false);
        }
        rows.add(cells);
        bytes += size;
        rowCount++;
    }

    /** Sends the last batch and the end marker. */
    void finish() {
        if (encoder != null ? encoder.rows() > 0 : !rows.isEmpty()) {
            flush(false);
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

    /** Sends the rows held; {@code keepLast}: all but the last encoded one, which went over the bound. */
    private void flush(boolean keepLast) {
        if (stop.getAsBoolean()) {
            throw new JobKilledException(jobId);
        }
        if (System.nanoTime() - publishingSince > publishLimitNanos) {
            throw new ResultTooSlowException(jobId, Duration.ofNanos(publishLimitNanos));
        }
        if (encoder != null) {
            target.encodedBatch(batchCount, encoder.take(jobId, batchCount, keepLast));
            batchCount++;
            return;
        }
        target.batch(batchCount++, rows);
        rows = new ArrayList<>();
        bytes = 0;
    }
}
