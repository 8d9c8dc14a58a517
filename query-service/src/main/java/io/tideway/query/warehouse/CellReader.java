package io.tideway.query.warehouse;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Reads a result row's cells with the typed getter of each column's DuckDB type: integers up to 32 bits unsigned
 * and BIGINT with {@code getLong}, DOUBLE with {@code getDouble}, BOOLEAN with {@code getBoolean}, VARCHAR with
 * {@code getString} (each with {@code wasNull}); any other type through {@code getObject} and {@link Cells}, which
 * gives the same cells for these types, only slower.
 */
final class CellReader {

    private static final byte OBJECT = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte STRING = 4;
    /** A string column DuckDB hands over as its UTF-8 bytes ({@link NestedAsJson}): the cell is that byte[]. */
    private static final byte UTF8 = 5;

    private final byte[] kinds;

    private CellReader(byte[] kinds) {
        this.kinds = kinds;
    }

    /** {@code utf8Columns}: the columns that are UTF-8 bytes of strings (null: none). */
    static CellReader of(ResultSetMetaData md, boolean[] utf8Columns) throws SQLException {
        byte[] kinds = new byte[md.getColumnCount()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = utf8Columns != null && utf8Columns[i] ? UTF8 : kind(md.getColumnTypeName(i + 1));
        }
        return new CellReader(kinds);
    }

    static byte kind(String duckType) {
        return switch (duckType.strip().toUpperCase(Locale.ROOT)) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT" -> LONG;
            case "DOUBLE" -> DOUBLE;
            case "BOOLEAN" -> BOOLEAN;
            case "VARCHAR" -> STRING;
            default -> OBJECT;
        };
    }

    /** Reads the current row into {@code row}, one cell per column. */
    void read(ResultSet rs, Object[] row) throws SQLException {
        byte[] k = kinds;
        for (int i = 0; i < k.length; i++) {
            int column = i + 1;
            switch (k[i]) {
                case LONG -> {
                    long v = rs.getLong(column);
                    row[i] = rs.wasNull() ? null : Long.valueOf(v);
                }
                case DOUBLE -> {
                    double v = rs.getDouble(column);
                    row[i] = rs.wasNull() ? null : Double.valueOf(v); // DuckDB answers NaN for a NULL
                }
                case BOOLEAN -> {
                    boolean v = rs.getBoolean(column);
                    row[i] = rs.wasNull() ? null : Boolean.valueOf(v);
                }
                case STRING -> row[i] = rs.getString(column);
                case UTF8 -> row[i] = rs.getBytes(column);
                default -> row[i] = Cells.cell(rs.getObject(column));
            }
        }
    }
}
