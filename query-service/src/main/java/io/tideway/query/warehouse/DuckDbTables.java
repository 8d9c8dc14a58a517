package io.tideway.query.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The tables of a {@link DuckDbWarehouse}: they live in the same DuckDB file as the bookkeeping, so every change
 * runs in the bookkeeping's own transaction and commits (or rolls back) with it.
 */
final class DuckDbTables implements TableStore {

    private final DuckDbWarehouse warehouse;

    DuckDbTables(DuckDbWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public boolean databaseExists(String name) {
        return warehouse.databaseExists(name);
    }

    @Override
    public boolean tableExists(String database, String table) {
        return warehouse.tableExists(database, table);
    }

    @Override
    public boolean isReserved(String database) {
        return DuckDbWarehouse.isReserved(database);
    }

    @Override
    public void createDatabase(Connection bookkeeping, String database) throws SQLException {
        TableWriter.execute(bookkeeping, "CREATE SCHEMA " + DuckDbWarehouse.quote(database));
    }

    @Override
    public void dropDatabase(Connection bookkeeping, String database) throws SQLException {
        TableWriter.execute(bookkeeping, "DROP SCHEMA " + DuckDbWarehouse.quote(database) + " CASCADE");
    }

    @Override
    public void createTable(Connection bookkeeping, String database, String table) throws SQLException {
        TableWriter.execute(bookkeeping, "CREATE TABLE " + TableWriter.name(database, table) + " (time BIGINT)");
    }

    @Override
    public void dropTable(Connection bookkeeping, String database, String table) throws SQLException {
        TableWriter.execute(bookkeeping, "DROP TABLE " + TableWriter.name(database, table));
    }

    @Override
    public void renameTable(Connection bookkeeping, String database, String from, String to) throws SQLException {
        TableWriter.execute(bookkeeping, "ALTER TABLE " + TableWriter.name(database, from) + " RENAME TO "
                + DuckDbWarehouse.quote(to));
    }

    @Override
    public void append(Connection bookkeeping, String database, String table, Stage stage) throws SQLException {
        TableWriter.append(bookkeeping, database, table, stage);
    }

    @Override
    public void replace(Connection bookkeeping, String database, String table, Stage stage) throws SQLException {
        TableWriter.replace(bookkeeping, database, table, stage);
    }
}
