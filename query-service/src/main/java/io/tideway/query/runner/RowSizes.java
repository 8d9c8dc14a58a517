package io.tideway.query.runner;

import java.util.List;

/**
 * An upper bound of the bytes a row takes in a {@code RowBatch} in Avro's binary encoding: a union index per cell,
 * up to 10 bytes for a long, 8 for a double, the UTF-8 bytes of a string plus up to 5 for its length, and up to 10
 * bytes of array framing per row.
 */
final class RowSizes {

    private static final int ROW_FRAMING = 10;

    private RowSizes() {
    }

    static long estimate(List<Object> row) {
        long size = ROW_FRAMING;
        for (Object cell : row) {
            size += 1 + cellSize(cell);
        }
        return size;
    }

    private static long cellSize(Object cell) {
        if (cell == null) {
            return 0;
        }
        if (cell instanceof Boolean) {
            return 1;
        }
        if (cell instanceof Long) {
            return 10;
        }
        if (cell instanceof Double) {
            return 8;
        }
        return 5 + utf8Length((String) cell);
    }

    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
