package io.tideway.writer;

import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.Topics;
import java.util.Arrays;

/**
 * One record of a results topic, read for the writer: a row batch stays in its encoded form ({@link EncodedRows}),
 * checked but not turned into objects, because the writer of bytes (CSV) never needs them as objects; headers and
 * end markers, which are small, are decoded by {@link Topics#RESULT_SERDE}. A record in a schema version other
 * than this one's goes through the serde too (it resolves older versions).
 *
 * @param jobId    the job the record belongs to
 * @param body     the header or end marker, or null for a batch
 * @param sequence the batch's sequence number (batches only)
 * @param rows     the batch's rows (batches only)
 */
record ResultRecord(String jobId, Object body, int sequence, EncodedRows rows) {

    /** The single-object prefix of ResultMessage in this schema version: marker and fingerprint. */
    private static final byte[] PREFIX;
    /** Index of RowBatch in ResultMessage.body's union. */
    private static final int ROW_BATCH_BRANCH = 1;

    static {
        byte[] sample = Topics.RESULT_SERDE.encode(ResultMessage.newBuilder().setJobId("")
                .setBody(ResultEnd.newBuilder().setRowCount(0).setBatchCount(0).build()).build());
        PREFIX = Arrays.copyOf(sample, 10);
    }

    boolean isBatch() {
        return rows != null;
    }

    /**
     * Reads one record's value.
     *
     * @throws RuntimeException when the bytes are not a ResultMessage (the caller sends them to the dead letters)
     */
    static ResultRecord read(byte[] value) {
        if (value != null && EncodedRows.Reader.startsWith(value, PREFIX)) {
            try {
                EncodedRows.Reader r = new EncodedRows.Reader(value, PREFIX.length);
                String jobId = r.readString();
                if (r.readInt() == ROW_BATCH_BRANCH) {
                    int sequence = r.readInt();
                    EncodedRows rows = EncodedRows.read(value, r.position);
                    if (rows.end() != value.length) {
                        throw new IllegalArgumentException((value.length - rows.end()) + " bytes after the rows");
                    }
                    return new ResultRecord(jobId, null, sequence, rows);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a ResultMessage row batch: " + e.getMessage(), e);
            }
        }
        ResultMessage message = Topics.RESULT_SERDE.decode(value);
        Object body = message.getBody();
        if (body instanceof io.tideway.schemas.RowBatch batch) { // an older schema version's batch
            byte[] reencoded = Topics.RESULT_SERDE.encode(message);
            return new ResultRecord(message.getJobId(), null, batch.getSequence(), read(reencoded).rows());
        }
        return new ResultRecord(message.getJobId(), body, 0, null);
    }

    @Override
    public String toString() {
        return "ResultRecord[job " + jobId + ", " + (rows != null ? "batch " + sequence + ": " + rows : body) + "]";
    }

}
