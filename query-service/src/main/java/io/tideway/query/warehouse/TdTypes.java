package io.tideway.query.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps DuckDB type names to Treasure Data's: integers to long, FLOAT, DOUBLE and DECIMAL to double, BOOLEAN to
 * boolean, VARCHAR to string, lists to array&lt;T&gt;, maps to map&lt;K,V&gt;, everything else (dates, times,
 * UUIDs, structs, blobs, HUGEINT) to string.
 */
public final class TdTypes {

    private static final List<String> LONG_TYPES = List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "INT1", "INT2", "INT4", "INT8", "INT", "LONG", "SHORT");

    private TdTypes() {
    }

    public static String fromDuckDb(String duckType) {
        String type = duckType.strip();
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.endsWith("]")) {
            return "array<" + fromDuckDb(type.substring(0, type.lastIndexOf('['))) + ">";
        }
        if (upper.startsWith("MAP(") && upper.endsWith(")")) {
            List<String> kv = splitTopLevel(type.substring(4, type.length() - 1));
            if (kv.size() == 2) {
                return "map<" + fromDuckDb(kv.get(0)) + "," + fromDuckDb(kv.get(1)) + ">";
            }
            return "string";
        }
        if (LONG_TYPES.contains(upper)) {
            return "long";
        }
        if (upper.equals("FLOAT") || upper.equals("DOUBLE") || upper.equals("REAL") || upper.startsWith("DECIMAL")) {
            return "double";
        }
        if (upper.equals("BOOLEAN")) {
            return "boolean";
        }
        return "string";
    }

    /**
     * The type as a table schema may name it: Treasure Data's table grammar has no boolean, and clients refuse a
     * table whose schema holds one, so booleans are listed as string there.
     */
    public static String forTableSchema(String tdType) {
        return tdType.replace("boolean", "string");
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
