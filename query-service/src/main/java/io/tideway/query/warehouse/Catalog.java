package io.tideway.query.warehouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Creates, drops, swaps and renames the databases and tables of one warehouse, each change in one DuckDB
 * transaction. Names follow {@link Names}; a new table has a {@code time BIGINT} column.
 */
public final class Catalog {

    private final DuckDbWarehouse warehouse;

    public Catalog(DuckDbWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    public void createDatabase(String database) {
        Names.require("database", database);
        if (DuckDbWarehouse.isReserved(database)) {
            throw WarehouseException.conflict("The database name '" + database + "' is reserved", database);
        }
        warehouse.transaction("creating database " + database, c -> {
            requireNoDatabase(database);
            TableWriter.execute(c, "CREATE SCHEMA " + DuckDbWarehouse.quote(database));
            return null;
        });
    }

    public void deleteDatabase(String database) {
        warehouse.transaction("deleting database " + database, c -> {
            requireDatabase(database);
            TableWriter.execute(c, "DROP SCHEMA " + DuckDbWarehouse.quote(database) + " CASCADE");
            forgetImportIds(c, database, null);
            return null;
        });
    }

    public void createTable(String database, String table) {
        Names.require("table", table);
        warehouse.transaction("creating table " + database + "." + table, c -> {
            requireDatabase(database);
            if (warehouse.tableExists(database, table)) {
                throw WarehouseException.conflict("Table '" + table + "' already exists in database '" + database
                        + "'", table);
            }
            TableWriter.execute(c, "CREATE TABLE " + TableWriter.name(database, table) + " (time BIGINT)");
            return null;
        });
    }

    public void deleteTable(String database, String table) {
        warehouse.transaction("deleting table " + database + "." + table, c -> {
            requireTable(database, table);
            TableWriter.execute(c, "DROP TABLE " + TableWriter.name(database, table));
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
            rename(c, database, first, parked);
            rename(c, database, second, first);
            rename(c, database, parked, second);
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
            if (warehouse.tableExists(database, newName)) {
                if (!overwrite) {
                    throw WarehouseException.conflict("Table '" + newName + "' already exists in database '"
                            + database + "'; rename with overwrite=true to replace it", newName);
                }
                TableWriter.execute(c, "DROP TABLE " + TableWriter.name(database, newName));
            }
            rename(c, database, table, newName);
            return null;
        });
    }

    void requireDatabase(String database) {
        if (warehouse.database(database).isEmpty()) {
            throw WarehouseException.notFound("Couldn't find database '" + database + "'");
        }
    }

    void requireTable(String database, String table) {
        requireDatabase(database);
        if (!warehouse.tableExists(database, table)) {
            throw WarehouseException.notFound("Couldn't find table '" + table + "' in database '" + database + "'");
        }
    }

    private void requireNoDatabase(String database) {
        if (warehouse.database(database).isPresent()) {
            throw WarehouseException.conflict("Database '" + database + "' already exists", database);
        }
    }

    private static void rename(java.sql.Connection c, String database, String from, String to) throws SQLException {
        TableWriter.execute(c, "ALTER TABLE " + TableWriter.name(database, from) + " RENAME TO "
                + DuckDbWarehouse.quote(to));
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
