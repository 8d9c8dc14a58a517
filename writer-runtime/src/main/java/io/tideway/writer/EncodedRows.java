package io.tideway.writer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one result batch as they travel: the Avro binary encoding of {@code RowBatch.rows} (an array of rows,
 * each an array of cells of the union {@code ["null", "boolean", "long", "double", "string"]}), checked once when the
 * message is read. A destination that writes bytes (CSV) walks the cells with {@link #forEach(CellVisitor)} and gets
 * strings as slices of UTF-8, so that no object is made per row or cell; {@link #decode()} gives the rows as Java
 * objects for the others. Immutable; the bytes are shared with the Kafka record they came from.
 */
public final class EncodedRows {

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;

    /** Receives the cells of the rows in order. Strings come as UTF-8 slices of a buffer that is only read. */
    public interface CellVisitor {
        void startRow(int cells) throws IOException;

        void nullCell() throws IOException;

        void booleanCell(boolean value) throws IOException;

        void longCell(long value) throws IOException;

        void doubleCell(double value) throws IOException;

        void stringCell(byte[] utf8, int offset, int length) throws IOException;

        void endRow() throws IOException;
    }

    private final byte[] bytes;
    private final int start;
    private final int end;
    private final int rowCount;

    private EncodedRows(byte[] bytes, int start, int end, int rowCount) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.rowCount = rowCount;
    }

    /**
     * Reads the rows array that starts at {@code offset}, checking that every row and cell is well formed.
     *
     * @throws IllegalArgumentException when the bytes are not such an array
     */
    static EncodedRows read(byte[] bytes, int offset) {
        Reader r = new Reader(bytes, offset);
        long rows = 0;
        for (long block = r.blockCount(); block != 0; block = r.blockCount()) {
            for (long i = 0; i < block; i++) {
                for (long cells = r.blockCount(); cells != 0; cells = r.blockCount()) {
                    for (long c = 0; c < cells; c++) {
                        r.skipCell();
                    }
                }
                rows++;
            }
        }
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A row batch of " + rows + " rows");
        }
        return new EncodedRows(bytes, offset, r.position, (int) rows);
    }

    /** The rows encoded as a results topic carries them (for tests and for callers that hold rows as objects). */
    public static EncodedRows of(List<List<Object>> rows) {
        byte[] message = io.tideway.schemas.Topics.RESULT_SERDE.encode(io.tideway.schemas.ResultMessage.newBuilder()
                .setJobId("").setBody(new io.tideway.schemas.RowBatch(0, rows)).build());
        return ResultRecord.read(message).rows();
    }

    /** Where the rows array ends in the message's bytes. */
    int end() {
        return end;
    }

    public int size() {
        return rowCount;
    }

    /** Gives every cell of every row to {@code visitor}, in order. */
    public void forEach(CellVisitor visitor) throws IOException {
        Reader r = new Reader(bytes, start);
        for (long block = r.blockCount(); block != 0; block = r.blockCount()) {
            for (long i = 0; i < block; i++) {
                long cells = r.blockCount();
                // rows written by Tideway hold one block; a row of several blocks is announced block by block
                visitor.startRow((int) cells);
                while (cells != 0) {
                    for (long c = 0; c < cells; c++) {
                        r.visitCell(visitor);
                    }
                    cells = r.blockCount();
                }
                visitor.endRow();
            }
        }
    }

    /** The rows as lists of null, Boolean, Long, Double and String cells, as Avro's decoder would give them. */
    public List<List<Object>> decode() {
        List<List<Object>> rows = new ArrayList<>(rowCount);
        try {
            forEach(new CellVisitor() {
                private List<Object> row;

                @Override
                public void startRow(int cells) {
                    row = new ArrayList<>(Math.max(cells, 0));
                }

                @Override
                public void nullCell() {
                    row.add(null);
                }

                @Override
                public void booleanCell(boolean value) {
                    row.add(value);
                }

                @Override
                public void longCell(long value) {
                    row.add(value);
                }

                @Override
                public void doubleCell(double value) {
                    row.add(value);
                }

                @Override
                public void stringCell(byte[] utf8, int offset, int length) {
                    row.add(new String(utf8, offset, length, StandardCharsets.UTF_8));
                }

                @Override
                public void endRow() {
                    rows.add(row);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Decoding into memory cannot fail on I/O", e);
        }
        return rows;
    }

    @Override
    public String toString() {
        return rowCount + " rows in " + (end - start) + " bytes";
    }

    /** The Avro binary primitives needed here, bounds-checked. */
    static final class Reader {
        private final byte[] b;
        int position;

        Reader(byte[] bytes, int position) {
            this.b = bytes;
            this.position = position;
        }

        long readLong() {
            long raw = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 63) {
                    throw new IllegalArgumentException("Invalid long encoding at " + position);
                }
                int x = byteAt(position++);
                raw |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            return (raw >>> 1) ^ -(raw & 1);
        }

        int readInt() {
            long value = readLong();
            if (value != (int) value) {
                throw new IllegalArgumentException("Invalid int encoding at " + position);
            }
            return (int) value;
        }

        /** The count of the next block of an array; a negative count is followed by the block's size in bytes. */
        long blockCount() {
            long count = readLong();
            if (count < 0) {
                readLong();
                count = -count;
            }
            return count;
        }

        String readString() {
            int length = stringLength();
            String s = new String(b, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        void skipCell() {
            switch (readInt()) {
                case NULL -> { }
                case BOOLEAN -> skip(1);
                case LONG -> readLong();
                case DOUBLE -> skip(8);
                case STRING -> skip(stringLength());
                default -> throw new IllegalArgumentException("Invalid cell type at " + position);
            }
        }

        void visitCell(CellVisitor visitor) throws IOException {
            switch (readInt()) {
                case NULL -> visitor.nullCell();
                case BOOLEAN -> visitor.booleanCell(b[position++] == 1); // as Avro reads it
                case LONG -> visitor.longCell(readLong());
                case DOUBLE -> {
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits |= (b[position + i] & 0xFFL) << (8 * i);
                    }
                    position += 8;
                    visitor.doubleCell(Double.longBitsToDouble(bits));
                }
                case STRING -> {
                    int length = stringLength();
                    visitor.stringCell(b, position, length);
                    position += length;
                }
                default -> throw new IllegalStateException("Invalid cell type at " + position);
            }
        }

        private int stringLength() {
            long length = readLong();
            if (length < 0 || length > b.length - position) {
                throw new IllegalArgumentException("Invalid string length " + length + " at " + position);
            }
            return (int) length;
        }

        private void skip(int n) {
            if (n > b.length - position) {
                throw new IllegalArgumentException("Truncated at " + position);
            }
            position += n;
        }

        private int byteAt(int i) {
            if (i >= b.length) {
                throw new IllegalArgumentException("Truncated at " + i);
            }
            return b[i];
        }

        static boolean startsWith(byte[] bytes, byte[] prefix) {
            return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
        }
    }
}
