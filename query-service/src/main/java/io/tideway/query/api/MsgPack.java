package io.tideway.query.api;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the MessagePack values a result row needs: an array of nil, boolean, int64, float64 and UTF-8 strings, in
 * their most compact forms (the MessagePack specification's encodings, as msgpack-core writes them).
 */
final class MsgPack {

    private final DataOutputStream out;

    MsgPack(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    void row(List<Object> cells) throws IOException {
        arrayHeader(cells.size());
        for (Object cell : cells) {
            value(cell);
        }
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            out.writeByte(0xc0);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? 0xc3 : 0xc2);
        } else if (v instanceof Long || v instanceof Integer) {
            integer(((Number) v).longValue());
        } else if (v instanceof Number) {
            out.writeByte(0xcb);
            out.writeDouble(((Number) v).doubleValue());
        } else {
            string(v.toString());
        }
    }

    private void arrayHeader(int n) throws IOException {
        if (n < 16) {
            out.writeByte(0x90 | n);
        } else if (n < 65536) {
            out.writeByte(0xdc);
            out.writeShort(n);
        } else {
            out.writeByte(0xdd);
            out.writeInt(n);
        }
    }

    private void integer(long v) throws IOException {
        if (v >= 0 && v < 128) {
            out.writeByte((int) v);
        } else if (v < 0 && v >= -32) {
            out.writeByte((int) v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            out.writeByte(0xd0);
            out.writeByte((int) v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            out.writeByte(0xd1);
            out.writeShort((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.writeByte(0xd2);
            out.writeInt((int) v);
        } else {
            out.writeByte(0xd3);
            out.writeLong(v);
        }
    }

    private void string(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        if (n < 32) {
            out.writeByte(0xa0 | n);
        } else if (n < 256) {
            out.writeByte(0xd9);
            out.writeByte(n);
        } else if (n < 65536) {
            out.writeByte(0xda);
            out.writeShort(n);
        } else {
            out.writeByte(0xdb);
            out.writeInt(n);
        }
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }
}
