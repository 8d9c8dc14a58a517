package io.tideway.query.runner;

import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows straight into the bytes of a {@code ResultMessage} holding a {@code RowBatch}, byte for byte what
 * {@link Topics#RESULT_SERDE} writes (Avro single-object encoding: marker, the schema's fingerprint, the binary
 * record), without building the record or resolving the cell union through Avro's generic machinery. Rows are
 * appended as they stream in, so the batch's size in bytes is exact rather than estimated; a batch is then framed
 * with the job id and its sequence. Cells are null, Boolean, Long, Double or String, as the schema's union says, or
 * a byte[] holding a string's UTF-8.
 * Not thread-safe.
 */
final class RowBatchEncoder {

    /** The single-object header of ResultMessage: marker and fingerprint, the same for every message. */
    private static final byte[] HEADER;
    /** Index of RowBatch in ResultMessage.body's union. */
    private static final int ROW_BATCH_BRANCH = 1;
    /** Indexes of the cell union ["null", "boolean", "long", "double", "string"]. */
    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;

    static {
        byte[] sample = Topics.RESULT_SERDE.encode(ResultMessage.newBuilder().setJobId("")
                .setBody(ResultEnd.newBuilder().setRowCount(0).setBatchCount(0).build()).build());
        HEADER = Arrays.copyOf(sample, 10);
    }

    private byte[] buffer = new byte[16 * 1024];
    /** Bytes of encoded rows in the buffer. */
    private int size;
    private int rows;
    /** Where the last row added starts. */
    private int lastRowStart;

    /** Appends one row's encoding. */
    void add(List<Object> cells) {
        lastRowStart = size;
        int n = cells.size();
        ensure(20);
        if (n > 0) {
            writeLong(n);
            for (int i = 0; i < n; i++) {
                writeCell(cells.get(i));
            }
        }
        ensure(1);
        buffer[size++] = 0;
        rows++;
    }

    /** Encoded bytes of the rows held. */
    int size() {
        return size;
    }

    int rows() {
        return rows;
    }

    /**
     * The message holding every row but the last added (which stays, as the first row of the next batch), or every
     * row when {@code keepLast} is false.
     */
    byte[] take(String jobId, int sequence, boolean keepLast) {
        int end = keepLast ? lastRowStart : size;
        int count = keepLast ? rows - 1 : rows;
        byte[] id = jobId.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[HEADER.length + 10 + id.length + 5 + 5 + 10 + end + 1];
        int p = 0;
        System.arraycopy(HEADER, 0, message, 0, HEADER.length);
        p += HEADER.length;
        p = putLong(message, p, id.length);
        System.arraycopy(id, 0, message, p, id.length);
        p += id.length;
        p = putLong(message, p, ROW_BATCH_BRANCH);
        p = putLong(message, p, sequence);
        if (count > 0) {
            p = putLong(message, p, count);
            System.arraycopy(buffer, 0, message, p, end);
            p += end;
        }
        message[p++] = 0;
        if (keepLast) {
            System.arraycopy(buffer, lastRowStart, buffer, 0, size - lastRowStart);
            size -= lastRowStart;
            rows = 1;
        } else {
            size = 0;
            rows = 0;
        }
        lastRowStart = 0;
        return Arrays.copyOf(message, p);
    }

    private void writeCell(Object cell) {
        if (cell == null) {
            ensure(1);
            buffer[size++] = NULL;
        } else if (cell instanceof String s) {
            writeString(s);
        } else if (cell instanceof byte[] utf8) {
            writeUtf8(utf8);
        } else if (cell instanceof Long l) {
            ensure(11);
            buffer[size++] = LONG * 2;
            writeLong(l);
        } else if (cell instanceof Double d) {
            ensure(9);
            buffer[size++] = DOUBLE * 2;
            long bits = Double.doubleToRawLongBits(d);
            for (int i = 0; i < 8; i++) {
                buffer[size++] = (byte) (bits >>> (8 * i));
            }
        } else if (cell instanceof Boolean b) {
            ensure(2);
            buffer[size++] = BOOLEAN * 2;
            buffer[size++] = (byte) (b ? 1 : 0);
        } else {
            throw new IllegalArgumentException("A result cell must be null, boolean, long, double or string, not "
                    + cell.getClass().getName());
        }
    }

    private void writeString(String s) {
        if (s.isEmpty()) {
            ensure(2);
            buffer[size++] = STRING * 2;
            buffer[size++] = 0;
            return;
        }
        writeUtf8(s.getBytes(StandardCharsets.UTF_8)); // as Avro's BinaryEncoder does (a lone surrogate is '?')
    }

    /** A string given as its UTF-8 bytes (see {@code Utf8StringSink}). */
    private void writeUtf8(byte[] bytes) {
        ensure(11 + bytes.length);
        buffer[size++] = STRING * 2;
        writeLong(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** Avro's long: zig-zag, then base-128 varint. The caller made room for 10 bytes. */
    private void writeLong(long value) {
        size = putLong(buffer, size, value);
    }

    private static int putLong(byte[] out, int p, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out[p++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out[p++] = (byte) n;
        return p;
    }

    private void ensure(int room) {
        if (buffer.length - size < room) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + room));
        }
    }
}
