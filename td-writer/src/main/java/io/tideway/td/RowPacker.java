package io.tideway.td;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/**
 * Packs each row of a result as one msgpack map, as TD's import format has it: column name (a string) to value.
 * NULL is nil, booleans, longs, doubles and strings are themselves; the cells of {@code array<…>} and
 * {@code map<…>} columns, which arrive as JSON text, are parsed and packed as msgpack arrays and maps (JSON object
 * keys stay strings; integers beyond the 64-bit range become strings, as TD's own clients do). When the result has
 * no {@code time} column, each row gets {@code time}: the given Unix seconds, as TD's tables need one.
 */
final class RowPacker {

    private static final JsonFactory JSON = new JsonFactory();
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<String> names;
    /** The column names as UTF-8, encoded once: each row repeats every name as its map's keys. */
    private final byte[][] keys;
    private final boolean[] json;
    private final Long time;

    /**
     * @param time the {@code time} of every row, in Unix seconds, used only when the result has no such column
     */
    RowPacker(List<String> names, List<String> types, long time) {
        this.names = names;
        this.keys = names.stream().map(name -> name.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.json = new boolean[names.size()];
        for (int i = 0; i < types.size() && i < json.length; i++) {
            String type = types.get(i).strip().toLowerCase(Locale.ROOT);
            json[i] = type.startsWith("array") || type.startsWith("map");
        }
        this.time = names.contains("time") ? null : time;
    }

    /** Packs a row; {@code row} is its number from 0, for messages. */
    void pack(MessagePacker packer, List<Object> cells, long row) throws IOException, BadCellException {
        if (cells.size() != names.size()) {
            throw new BadCellException("Row " + (row + 1) + " has " + cells.size() + " cells for " + names.size()
                    + " columns");
        }
        packer.packMapHeader(names.size() + (time == null ? 0 : 1));
        for (int i = 0; i < names.size(); i++) {
            packer.packRawStringHeader(keys[i].length);
            packer.writePayload(keys[i]);
            Object cell = cells.get(i);
            if (json[i] && cell instanceof String text) {
                packValue(packer, parse(text, i, row));
            } else {
                packValue(packer, cell);
            }
        }
        if (time != null) {
            packer.packString("time");
            packer.packLong(time);
        }
    }

    private static void packValue(MessagePacker packer, Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            packer.packLong(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            packer.packDouble(((Number) value).doubleValue());
        } else if (value instanceof BigInteger big) {
            if (big.compareTo(MIN) >= 0 && big.compareTo(MAX) <= 0) {
                packer.packBigInteger(big);
            } else {
                packer.packString(big.toString());
            }
        } else if (value instanceof List<?> list) {
            packer.packArrayHeader(list.size());
            for (Object element : list) {
                packValue(packer, element);
            }
        } else if (value instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                packer.packString(String.valueOf(entry.getKey()));
                packValue(packer, entry.getValue());
            }
        } else {
            packer.packString(value.toString());
        }
    }

    /** The JSON text of a cell as lists, maps, strings, numbers, booleans and nulls. */
    private Object parse(String text, int column, long row) throws IOException, BadCellException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                throw badCell(column, row, "is empty");
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw badCell(column, row, "has more than one JSON value");
            }
            return value;
        } catch (StreamReadException e) {
            throw badCell(column, row, "is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, read(parser));
                }
                return map;
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                        : parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return parser.getText();
            }
        }
    }

    private BadCellException badCell(int column, long row, String why) {
        return new BadCellException("The '" + names.get(column) + "' cell of row " + (row + 1) + " " + why);
    }

    /** A row that does not fit the result's columns, against the result's contract. */
    static final class BadCellException extends Exception {

        BadCellException(String message) {
            super(message);
        }
    }
}
