package io.tideway.query.warehouse;

import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Streaming import into an existing table: the body is decoded and staged as it arrives (outside any lock), then
 * appended in one DuckDB transaction. With a unique id, the id is recorded in that same transaction, so an import
 * repeated with the same id (a client's retry) changes nothing. Every record needs an integer {@code time}. With
 * Trino holding the tables, the append is Trino's and the id commits after it (see {@link TableStore}).
 */
public final class Imports {

    private final DuckDbWarehouse warehouse;
    private final TableStore tables;
    private final Catalog catalog;

    public Imports(DuckDbWarehouse warehouse) {
        this(warehouse, new DuckDbTables(warehouse));
    }

    /** {@code bookkeeping} records what was imported; {@code tables} holds the rows. */
    Imports(DuckDbWarehouse bookkeeping, TableStore tables) {
        this.warehouse = bookkeeping;
        this.tables = tables;
        this.catalog = new Catalog(bookkeeping, tables);
    }

    /**
     * What an import did.
     *
     * @param records   records appended; 0 for a repeated id
     * @param duplicate whether the unique id had been imported before, so nothing was appended
     */
    public record Result(long records, boolean duplicate) {
    }

    public Result importRecords(String database, String table, String uniqueId, InputStream gzipBody) {
        Names.require("database", database);
        Names.require("table", table);
        catalog.requireTable(database, table);
        if (uniqueId != null && imported(database, table, uniqueId)) {
            return new Result(0, true);
        }
        try (DuckDBConnection c = warehouse.connect(); Stage stage = new Stage(c)) {
            stageRecords(gzipBody, stage);
            return warehouse.transaction("importing into " + database + "." + table, c, tx -> {
                if (uniqueId != null && imported(tx, database, table, uniqueId)) {
                    return new Result(0, true);
                }
                catalog.requireTable(database, table);
                tables.append(tx, database, table, stage);
                if (uniqueId != null) {
                    record(tx, database, table, uniqueId, stage.rows());
                }
                return new Result(stage.rows(), false);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse failed importing into " + database + "." + table + ": "
                    + e.getMessage(), e);
        }
    }

    private static void stageRecords(InputStream gzipBody, Stage stage) throws SQLException {
        try (MsgPackRecords records = new MsgPackRecords(gzipBody)) {
            for (Map<String, Object> record = records.next(); record != null; record = records.next()) {
                if (!(record.get("time") instanceof Long)) {
                    throw new WarehouseException(WarehouseException.Kind.TYPE_CONFLICT, "Record " + records.count()
                            + (record.containsKey("time") ? " has a 'time' that is not an integer" : " has no 'time'")
                            + ": a streaming import needs each record's time as Unix seconds");
                }
                stage.add(record);
            }
            stage.finish();
        }
    }

    private boolean imported(String database, String table, String uniqueId) {
        return warehouse.withConnection("looking up an import id", c -> imported(c, database, table, uniqueId));
    }

    private static boolean imported(java.sql.Connection c, String database, String table, String uniqueId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + Bookkeeping.IMPORT_IDS
                + " WHERE database = ? AND table_name = ? AND unique_id = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            ps.setString(3, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void record(java.sql.Connection c, String database, String table, String uniqueId, long records)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Bookkeeping.IMPORT_IDS + " VALUES (?, ?, ?, ?, now())")) {
            ps.setString(1, database);
            ps.setString(2, table);
            ps.setString(3, uniqueId);
            ps.setLong(4, records);
            ps.executeUpdate();
        }
    }
}
