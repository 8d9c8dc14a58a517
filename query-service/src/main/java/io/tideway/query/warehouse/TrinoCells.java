package io.tideway.query.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Trino result cells into the cells every sink takes (null, Boolean, Long, Double or String; see
 * {@link Cells}), by each column's Trino type: integers as Long, real and double as Double, decimals as their
 * exact text, dates, times and timestamps as Trino's own text ({@code 2024-01-02 03:04:05.123}, with the zone
 * where the type has one), arrays, maps and rows as JSON text (a row as an object of its field names, or a list
 * when unnamed), varbinary base64, anything else (json, uuid, ipaddress) as its text.
 */
final class TrinoCells {

    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Kind { LONG, DOUBLE, BOOLEAN, DECIMAL, BINARY, NESTED, TEXT }

    private final Kind[] kinds;

    private TrinoCells(Kind[] kinds) {
        this.kinds = kinds;
    }

    static TrinoCells of(ResultSetMetaData md) throws SQLException {
        Kind[] kinds = new Kind[md.getColumnCount()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = kind(md.getColumnTypeName(i + 1));
        }
        return new TrinoCells(kinds);
    }

    private static Kind kind(String trinoType) {
        String lower = trinoType.strip().toLowerCase(Locale.ROOT);
        int paren = lower.indexOf('(');
        String base = paren < 0 ? lower : lower.substring(0, paren).strip();
        return switch (base) {
            case "tinyint", "smallint", "integer", "bigint" -> Kind.LONG;
            case "real", "double" -> Kind.DOUBLE;
            case "boolean" -> Kind.BOOLEAN;
            case "decimal" -> Kind.DECIMAL;
            case "varbinary" -> Kind.BINARY;
            case "array", "map", "row" -> Kind.NESTED;
            default -> Kind.TEXT;
        };
    }

    /** The current row's cells, one per column. */
    List<Object> read(ResultSet rs) throws SQLException {
        Object[] row = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            int column = i + 1;
            row[i] = switch (kinds[i]) {
                case LONG -> {
                    long v = rs.getLong(column);
                    yield rs.wasNull() ? null : Long.valueOf(v);
                }
                case DOUBLE -> {
                    Object v = rs.getObject(column);
                    yield v == null ? null : v instanceof Float f ? Double.parseDouble(f.toString())
                            : Double.valueOf(((Number) v).doubleValue());
                }
                case BOOLEAN -> {
                    boolean v = rs.getBoolean(column);
                    yield rs.wasNull() ? null : Boolean.valueOf(v);
                }
                case DECIMAL -> {
                    BigDecimal v = rs.getBigDecimal(column);
                    yield v == null ? null : v.toPlainString();
                }
                case BINARY -> {
                    byte[] v = rs.getBytes(column);
                    yield v == null ? null : Base64.getEncoder().encodeToString(v);
                }
                case NESTED -> {
                    Object v = rs.getObject(column);
                    yield v == null ? null : json(nested(v));
                }
                case TEXT -> rs.getString(column);
            };
        }
        return java.util.Arrays.asList(row);
    }

    /** A nested value as plain lists, maps and scalar cells, ready for JSON. */
    static Object nested(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Array array) {
            return nested(array.getArray());
        }
        if (value instanceof Object[] items) {
            List<Object> out = new ArrayList<>(items.length);
            for (Object item : items) {
                out.add(nested(item));
            }
            return out;
        }
        if (value instanceof List<?> items) {
            return nested(items.toArray());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(nested(e.getKey())), nested(e.getValue()));
            }
            return out;
        }
        if (value instanceof Row row) {
            boolean named = row.getFields().stream().allMatch(f -> f.getName().isPresent());
            if (!named) {
                return nested(row.getFields().stream().map(RowField::getValue).toArray());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (RowField field : row.getFields()) {
                out.put(field.getName().orElseThrow(), nested(field.getValue()));
            }
            return out;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.sql.Timestamp || value instanceof java.sql.Date || value instanceof java.sql.Time) {
            return value.toString();
        }
        return Cells.cell(value);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a cell as JSON: " + e.getMessage(), e);
        }
    }
}
