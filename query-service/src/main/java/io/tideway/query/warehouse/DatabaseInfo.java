package io.tideway.query.warehouse;

/** A database (a DuckDB schema) and the rows its tables hold. */
public record DatabaseInfo(String name, long rowCount) {
}
