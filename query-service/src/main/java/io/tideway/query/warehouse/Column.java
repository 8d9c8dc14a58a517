package io.tideway.query.warehouse;

/**
 * A result or table column.
 *
 * @param name   the column name
 * @param tdType the Treasure Data type name: long, double, boolean, string, array&lt;T&gt;, map&lt;K,V&gt;
 */
public record Column(String name, String tdType) {
}
