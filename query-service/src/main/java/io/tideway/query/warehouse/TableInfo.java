package io.tideway.query.warehouse;

import java.util.List;

/** A table, its row count and its columns with Treasure Data type names. */
public record TableInfo(String database, String name, long rowCount, List<Column> columns) {
}
