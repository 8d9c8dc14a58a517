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
     * Maps Trino type names (as its JDBC driver and information_schema report them) the same way: tinyint to
     * bigint to long, real, double and decimal(p,s) to double, boolean, varchar(n) and char(n) to string,
     * array(T) to array&lt;T&gt;, map(K,V) to map&lt;K,V&gt;, everything else (dates, timestamps, rows, json, uuid,
     * varbinary) to string.
     */
    public static String fromTrino(String trinoType) {
        String type = trinoType.strip();
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("array(") && lower.endsWith(")")) {
            return "array<" + fromTrino(type.substring(6, type.length() - 1)) + ">";
        }
        if (lower.startsWith("map(") && lower.endsWith(")")) {
            List<String> kv = splitTopLevel(type.substring(4, type.length() - 1));
            return kv.size() == 2 ? "map<" + fromTrino(kv.get(0)) + "," + fromTrino(kv.get(1)) + ">" : "string";
        }
        int paren = lower.indexOf('(');
        String base = paren < 0 ? lower : lower.substring(0, paren).strip();
        return switch (base) {
            case "tinyint", "smallint", "integer", "bigint" -> "long";
            case "real", "double", "decimal" -> "double";
            case "boolean" -> "boolean";
            default -> "string";
        };
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
