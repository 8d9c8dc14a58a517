package io.tideway.query.warehouse;

import java.util.Locale;
import java.util.Set;

/**
 * The DuckDB type an imported column gets from its values: integers BIGINT, floats DOUBLE, booleans BOOLEAN,
 * strings (and arrays and maps, as JSON text) VARCHAR. Values of two types in one column widen it: BIGINT and DOUBLE
 * to DOUBLE, anything else to VARCHAR.
 */
enum ColumnType {
    BIGINT, DOUBLE, BOOLEAN, VARCHAR;

    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

    static ColumnType of(Object value) {
        if (value instanceof Long) {
            return BIGINT;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        return VARCHAR;
    }

    ColumnType widen(ColumnType other) {
        if (this == other) {
            return this;
        }
        if ((this == BIGINT && other == DOUBLE) || (this == DOUBLE && other == BIGINT)) {
            return DOUBLE;
        }
        return VARCHAR;
    }

    /** How the import names the values, for messages. */
    String valueName() {
        return switch (this) {
            case BIGINT -> "integers";
            case DOUBLE -> "floats";
            case BOOLEAN -> "booleans";
            case VARCHAR -> "strings";
        };
    }

    /** Whether a table column of DuckDB type {@code tableType} takes values of this type. */
    boolean fitsInto(String tableType) {
        String t = tableType.toUpperCase(Locale.ROOT);
        if (t.equals("VARCHAR") || t.equals("JSON")) {
            return true;
        }
        if (INTEGER_TYPES.contains(t)) {
            return this == BIGINT;
        }
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.startsWith("DECIMAL")) {
            return this == BIGINT || this == DOUBLE;
        }
        if (t.equals("BOOLEAN")) {
            return this == BOOLEAN;
        }
        return false;
    }
}
