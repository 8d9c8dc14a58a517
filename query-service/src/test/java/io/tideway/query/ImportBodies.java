package io.tideway.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** Import bodies as Treasure Data's clients send them: gzip of msgpack maps, one per record. */
public final class ImportBodies {

    private ImportBodies() {
    }

    public static byte[] gzipMsgpack(List<Map<String, Object>> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes); MessagePacker packer = MessagePack.newDefaultPacker(gzip)) {
            for (Map<String, Object> record : records) {
                packer.packMapHeader(record.size());
                for (Map.Entry<String, Object> e : record.entrySet()) {
                    packer.packString(e.getKey());
                    pack(packer, e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void pack(MessagePacker packer, Object v) throws IOException {
        if (v == null) {
            packer.packNil();
        } else if (v instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            packer.packLong(((Number) v).longValue());
        } else if (v instanceof Number n) {
            packer.packDouble(n.doubleValue());
        } else if (v instanceof List<?> list) {
            packer.packArrayHeader(list.size());
            for (Object item : list) {
                pack(packer, item);
            }
        } else if (v instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                packer.packString(e.getKey().toString());
                pack(packer, e.getValue());
            }
        } else {
            packer.packString(v.toString());
        }
    }
}
