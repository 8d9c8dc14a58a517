package io.tideway.query.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moves staged rows into a table, inside the caller's transaction: append (an existing table gains the columns it
 * lacks; a column whose type cannot take the staged values is refused, naming both) or replace (the table becomes
 * exactly the staged rows, with their columns). A table with no staged columns at all is created with a
 * {@code time BIGINT} column.
 */
final class TableWriter {

    private TableWriter() {
    }

    static void append(Connection c, String database, String table, Stage stage) throws SQLException {
        Map<String, String> existing = columns(c, database, table);
        Map<String, ColumnType> staged = stage.columns();
        if (existing.isEmpty()) {
            create(c, database, table, stage);
            return;
        }
        List<String> targetNames = new ArrayList<>();
        for (Map.Entry<String, ColumnType> column : staged.entrySet()) {
            String key = column.getKey().toLowerCase(Locale.ROOT);
            String type = existing.get(key);
            if (type == null) {
                execute(c, "ALTER TABLE " + name(database, table) + " ADD COLUMN "
                        + DuckDbWarehouse.quote(column.getKey()) + " " + column.getValue());
                targetNames.add(column.getKey());
            } else if (!column.getValue().fitsInto(type)) {
                throw new WarehouseException(WarehouseException.Kind.TYPE_CONFLICT, "Column '" + column.getKey()
                        + "' of " + database + "." + table + " is " + type + " and cannot take the imported "
                        + column.getValue().valueName() + " (" + column.getValue() + ")");
            } else {
                targetNames.add(originalName(c, database, table, key));
            }
        }
        if (staged.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(name(database, table)).append(" (");
        StringBuilder select = new StringBuilder(" SELECT ");
        int i = 0;
        for (String column : staged.keySet()) {
            sql.append(i > 0 ? ", " : "").append(DuckDbWarehouse.quote(targetNames.get(i)));
            select.append(i > 0 ? ", " : "").append(DuckDbWarehouse.quote(column));
            i++;
        }
        sql.append(")").append(select).append(" FROM ").append(stage.table()).append(" ORDER BY ").append(Stage.ROW);
        try {
            execute(c, sql.toString());
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("Conversion Error")) {
                throw new WarehouseException(WarehouseException.Kind.TYPE_CONFLICT, "The imported values do not fit "
                        + "the columns of " + database + "." + table + ": " + e.getMessage());
            }
            throw e;
        }
    }

    static void replace(Connection c, String database, String table, Stage stage) throws SQLException {
        if (stage.columns().isEmpty() && !columns(c, database, table).isEmpty()) {
            execute(c, "DELETE FROM " + name(database, table));
            return;
        }
        execute(c, "DROP TABLE IF EXISTS " + name(database, table));
        create(c, database, table, stage);
    }

    private static void create(Connection c, String database, String table, Stage stage) throws SQLException {
        if (stage.columns().isEmpty()) {
            execute(c, "CREATE TABLE " + name(database, table) + " (time BIGINT)");
            return;
        }
        List<String> quoted = stage.columns().keySet().stream().map(DuckDbWarehouse::quote).toList();
        execute(c, "CREATE TABLE " + name(database, table) + " AS SELECT " + String.join(", ", quoted) + " FROM "
                + stage.table() + " ORDER BY " + Stage.ROW);
    }

    /** Columns of a table by lower-case name, with their DuckDB types; empty when the table does not exist. */
    static Map<String, String> columns(Connection c, String database, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM duckdb_columns() "
                + "WHERE database_name = current_database() AND schema_name = ? AND table_name = ? ORDER BY column_index")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static String originalName(Connection c, String database, String table, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM duckdb_columns() WHERE database_name = "
                + "current_database() AND schema_name = ? AND table_name = ? AND lower(column_name) = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : key;
            }
        }
    }

    static String name(String database, String table) {
        return DuckDbWarehouse.quote(database) + "." + DuckDbWarehouse.quote(table);
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
