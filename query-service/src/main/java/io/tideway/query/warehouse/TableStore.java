package io.tideway.query.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The tables of one account's warehouse as imports, bulk imports (td:// deliveries) and the table API change them,
 * whichever engine holds them. Every change takes {@code bookkeeping}: the connection of the DuckDB transaction
 * that records the change in the service's bookkeeping (import ids, bulk-import sessions). An engine that holds the
 * tables in that same DuckDB ({@link DuckDbTables}) changes them in that transaction, so table and bookkeeping
 * commit together; one that holds them elsewhere ({@link TrinoWarehouse}) changes them in its own statements while
 * that transaction is open, so the bookkeeping commits only after the change succeeded.
 */
interface TableStore {

    /** Whether a database exists; cheaper than listing it with its row counts. */
    boolean databaseExists(String name);

    boolean tableExists(String database, String table);

    /** Whether a name is one of the engine's own schemas, which cannot be a database of the API. */
    boolean isReserved(String database);

    void createDatabase(Connection bookkeeping, String database) throws SQLException;

    /** Drops a database with its tables. */
    void dropDatabase(Connection bookkeeping, String database) throws SQLException;

    /** Creates an empty table with a {@code time BIGINT} column. */
    void createTable(Connection bookkeeping, String database, String table) throws SQLException;

    void dropTable(Connection bookkeeping, String database, String table) throws SQLException;

    void renameTable(Connection bookkeeping, String database, String from, String to) throws SQLException;

    /**
     * Adds the staged rows to a table, creating it when missing: an existing table gains the columns it lacks, and a
     * column whose type cannot take the staged values is refused ({@link WarehouseException.Kind#TYPE_CONFLICT}).
     */
    void append(Connection bookkeeping, String database, String table, Stage stage) throws SQLException;

    /** Makes the table exactly the staged rows, with their columns (or its own columns when none were staged). */
    void replace(Connection bookkeeping, String database, String table, Stage stage) throws SQLException;
}
