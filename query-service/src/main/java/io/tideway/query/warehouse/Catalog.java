package io.tideway.query.warehouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Creates, drops, swaps and renames the databases and tables of one warehouse, each change in one bookkeeping
 * transaction of the account's DuckDB file (see {@link TableStore} for where the tables themselves change). Names
 * follow {@link Names}; a new table has a {@code time BIGINT} column.
 */
public final class Catalog {

    private final DuckDbWarehouse warehouse;
    private final TableStore tables;

    /** The catalog of a warehouse whose tables live in its own DuckDB file. */
    public Catalog(DuckDbWarehouse warehouse) {
        this(warehouse, new DuckDbTables(warehouse));
    }

    Catalog(DuckDbWarehouse bookkeeping, TableStore tables) {
        this.warehouse = bookkeeping;
        this.tables = tables;
    }

    public void createDatabase(String database) {
        Names.require("database", database);
        if (tables.isReserved(database)) {
            throw WarehouseException.conflict("The database name '" + database + "' is reserved", database);
        }
        warehouse.transaction("creating database " + database, c -> {
            requireNoDatabase(database);
            tables.createDatabase(c, database);
            return null;
        });
    }

    public void deleteDatabase(String database) {
        warehouse.transaction("deleting database " + database, c -> {
            requireDatabase(database);
            tables.dropDatabase(c, database);
            forgetImportIds(c, database, null);
            return null;
        });
    }

    public void createTable(String database, String table) {
        Names.require("table", table);
        warehouse.transaction("creating table " + database + "." + table, c -> {
            requireDatabase(database);
            if (tables.tableExists(database, table)) {
                throw WarehouseException.conflict("Table '" + table + "' already exists in database '" + database
                        + "'", table);
            }
            tables.createTable(c, database, table);
            return null;
        });
    }

    public void deleteTable(String database, String table) {
        warehouse.transaction("deleting table " + database + "." + table, c -> {
            requireTable(database, table);
            tables.dropTable(c, database, table);
            forgetImportIds(c, database, table);
            return null;
        });
    }

    /** Exchanges the names of two tables in one transaction: a reader sees both before or both after. */
    public void swap(String database, String first, String second) {
        warehouse.transaction("swapping " + database + "." + first + " and " + second, c -> {
            requireTable(database, first);
            requireTable(database, second);
            if (first.equals(second)) {
                return null;
            }
            String parked = "tideway_swap_" + UUID.randomUUID().toString().replace("-", "");
            tables.renameTable(c, database, first, parked);
            tables.renameTable(c, database, second, first);
            tables.renameTable(c, database, parked, second);
            return null;
        });
    }

    /** Renames a table; an existing table of the new name is replaced only with {@code overwrite}. */
    public void rename(String database, String table, String newName, boolean overwrite) {
        Names.require("table", newName);
        warehouse.transaction("renaming " + database + "." + table + " to " + newName, c -> {
            requireTable(database, table);
            if (table.equals(newName)) {
                return null;
            }
            if (tables.tableExists(database, newName)) {
                if (!overwrite) {
                    throw WarehouseException.conflict("Table '" + newName + "' already exists in database '"
                            + database + "'; rename with overwrite=true to replace it", newName);
                }
                tables.dropTable(c, database, newName);
            }
            tables.renameTable(c, database, table, newName);
            return null;
        });
    }

    void requireDatabase(String database) {
        if (!tables.databaseExists(database)) {
            throw WarehouseException.notFound("Couldn't find database '" + database + "'");
        }
    }

    void requireTable(String database, String table) {
        requireDatabase(database);
        if (!tables.tableExists(database, table)) {
            throw WarehouseException.notFound("Couldn't find table '" + table + "' in database '" + database + "'");
        }
    }

    private void requireNoDatabase(String database) {
        if (tables.databaseExists(database)) {
            throw WarehouseException.conflict("Database '" + database + "' already exists", database);
        }
    }

    private static void forgetImportIds(java.sql.Connection c, String database, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Bookkeeping.IMPORT_IDS + " WHERE database = ?"
                + (table == null ? "" : " AND table_name = ?"))) {
            ps.setString(1, database);
            if (table != null) {
                ps.setString(2, table);
            }
            ps.executeUpdate();
        }
    }
}
