package io.tideway.query.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/**
 * Turns JDBC values into result cells: null, Boolean, Long, Double or String. Arrays, maps and structs become
 * JSON text, dates and times ISO-8601 text, decimals their exact decimal text, integers beyond the long range
 * their decimal text, blobs base64.
 */
public final class Cells {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Cells() {
    }

    public static Object cell(Object value) throws SQLException {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof BigInteger i) {
            return i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0 ? (Object) i.longValue() : i.toString();
        }
        if (value instanceof Array || value instanceof Map || value instanceof Struct) {
            return json(nested(value));
        }
        return scalarText(value);
    }

    private static Object nested(Object value) throws SQLException {
        if (value instanceof Array array) {
            return nestedList((Object[]) array.getArray());
        }
        if (value instanceof Object[] items) {
            return nestedList(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(nested(e.getKey())), nested(e.getValue()));
            }
            return out;
        }
        if (value instanceof DuckDBStruct struct) {
            return nested(struct.getMap());
        }
        if (value instanceof Struct struct) {
            return nestedList(struct.getAttributes());
        }
        Object cell = cell(value);
        return cell;
    }

    private static List<Object> nestedList(Object[] items) throws SQLException {
        List<Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(nested(item));
        }
        return out;
    }

    private static String scalarText(Object value) throws SQLException {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Blob blob) {
            return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
        }
        return value.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a cell as JSON: " + e.getMessage(), e);
        }
    }
}
