package io.tideway.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/** Reads back what {@code td table:import} sent: the gzip'd msgpack maps of a request body. */
final class Imports {

    static final String PREFIX = "/v3/table/import_with_id/";

    private Imports() {
    }

    static List<Map<String, Object>> rows(byte[] body) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(new GZIPInputStream(
                new ByteArrayInputStream(body)))) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (unpacker.hasNext()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> row = (Map<String, Object>) value(unpacker);
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unique id in {@code /v3/table/import_with_id/{db}/{table}/{id}/msgpack.gz}. */
    static String uniqueId(FakeTdServer.Request request) {
        String[] parts = request.path().split("/");
        return parts[parts.length - 2];
    }

    private static Object value(MessageUnpacker unpacker) throws IOException {
        ValueType type = unpacker.getNextFormat().getValueType();
        switch (type) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                return unpacker.unpackLong();
            case FLOAT:
                return unpacker.unpackDouble();
            case STRING:
                return unpacker.unpackString();
            case ARRAY: {
                int size = unpacker.unpackArrayHeader();
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    list.add(value(unpacker));
                }
                return list;
            }
            case MAP: {
                int size = unpacker.unpackMapHeader();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    map.put(unpacker.unpackString(), value(unpacker));
                }
                return map;
            }
            default:
                throw new IllegalStateException("unexpected msgpack type " + type);
        }
    }
}
