package io.tideway.query.warehouse;

import java.util.List;

/**
 * The service's own tables in a warehouse's {@code main} schema (not listed as a database): ids of streaming
 * imports already applied, bulk-import sessions and their staged parts. They live in the warehouse so that they
 * change in the same DuckDB transaction as the rows they describe.
 */
final class Bookkeeping {

    static final String IMPORT_IDS = "main.tideway_import_ids";
    static final String SESSIONS = "main.tideway_bulk_imports";
    static final String PARTS = "main.tideway_bulk_import_parts";

    private Bookkeeping() {
    }

    static void ensure(DuckDbWarehouse warehouse) {
        warehouse.update("creating the bookkeeping tables", List.of(
                "CREATE TABLE IF NOT EXISTS " + IMPORT_IDS + " (database VARCHAR NOT NULL, table_name VARCHAR NOT NULL, "
                        + "unique_id VARCHAR NOT NULL, records BIGINT NOT NULL, imported_at TIMESTAMPTZ NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + SESSIONS + " (name VARCHAR NOT NULL, database VARCHAR NOT NULL, "
                        + "table_name VARCHAR NOT NULL, status VARCHAR NOT NULL, valid_records BIGINT, "
                        + "created_at TIMESTAMPTZ NOT NULL, committed_at TIMESTAMPTZ, mode VARCHAR)",
                "CREATE TABLE IF NOT EXISTS " + PARTS + " (session VARCHAR NOT NULL, part VARCHAR NOT NULL, "
                        + "records BIGINT NOT NULL, body BLOB NOT NULL, uploaded_at TIMESTAMPTZ NOT NULL)"));
    }
}
