package io.tideway.query.api;

import java.io.IOException;
import java.util.List;
import org.msgpack.core.MessagePacker;

/** Writes a result row as one MessagePack array of nil, boolean, integer, float and string values. */
final class RowPacker {

    private RowPacker() {
    }

    static void row(MessagePacker packer, List<Object> cells) throws IOException {
        packer.packArrayHeader(cells.size());
        for (Object cell : cells) {
            if (cell == null) {
                packer.packNil();
            } else if (cell instanceof Boolean b) {
                packer.packBoolean(b);
            } else if (cell instanceof Long || cell instanceof Integer) {
                packer.packLong(((Number) cell).longValue());
            } else if (cell instanceof Number n) {
                packer.packDouble(n.doubleValue());
            } else {
                packer.packString(cell.toString());
            }
        }
    }
}
