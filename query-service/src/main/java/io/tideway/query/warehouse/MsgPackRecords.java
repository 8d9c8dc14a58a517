package io.tideway.query.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * Reads an import body as it streams in: one gzip stream holding msgpack maps back to back, one per record.
 * Values become null, Long, Double, Boolean or String; an integer beyond the long range becomes its decimal text,
 * binary its UTF-8 text, arrays and maps their JSON text. Anything else is refused with the record's number.
 */
final class MsgPackRecords implements AutoCloseable {

    private final MessageUnpacker unpacker;
    private long count;

    MsgPackRecords(InputStream gzipBody) {
        try {
            this.unpacker = MessagePack.newDefaultUnpacker(new GZIPInputStream(gzipBody, 64 * 1024));
        } catch (ZipException e) {
            throw WarehouseException.invalid("The body is not gzip data (expected gzip-compressed msgpack maps): "
                    + e.getMessage());
        } catch (IOException e) {
            throw WarehouseException.invalid("The body could not be read: " + e.getMessage());
        }
    }

    /** The next record, or null at the end of the body. */
    Map<String, Object> next() {
        try {
            if (!unpacker.hasNext()) {
                return null;
            }
            count++;
            Value value = unpacker.unpackValue();
            if (!value.isMapValue()) {
                throw WarehouseException.invalid("Record " + count + " is a msgpack " + value.getValueType()
                        .name().toLowerCase() + ", not a map of column names to values");
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : value.asMapValue().entrySet()) {
                Value key = e.getKey();
                record.put(key.isStringValue() ? key.asStringValue().toString() : key.toString(), cell(e.getValue()));
            }
            return record;
        } catch (ZipException e) {
            throw WarehouseException.invalid("The body is not gzip data (expected gzip-compressed msgpack maps): "
                    + e.getMessage());
        } catch (IOException | MessagePackException e) {
            throw WarehouseException.invalid("The body could not be read as gzip-compressed msgpack maps after "
                    + count + " records: " + e.getMessage());
        }
    }

    long count() {
        return count;
    }

    private static Object cell(Value v) {
        return switch (v.getValueType()) {
            case NIL -> null;
            case BOOLEAN -> v.asBooleanValue().getBoolean();
            case INTEGER -> v.asIntegerValue().isInLongRange() ? (Object) v.asIntegerValue().toLong()
                    : v.asIntegerValue().toBigInteger().toString();
            case FLOAT -> v.asFloatValue().toDouble();
            case STRING -> v.asStringValue().toString();
            case BINARY -> new String(v.asBinaryValue().asByteArray(), StandardCharsets.UTF_8);
            case ARRAY, MAP, EXTENSION -> v.toJson();
        };
    }

    @Override
    public void close() {
        try {
            unpacker.close();
        } catch (IOException e) {
            // the request body; nothing to release beyond it
        }
    }
}
