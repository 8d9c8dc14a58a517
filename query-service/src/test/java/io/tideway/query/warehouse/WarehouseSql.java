package io.tideway.query.warehouse;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL on an account's warehouse, for setting up and checking tests. */
public final class WarehouseSql {

    private WarehouseSql() {
    }

    public static void execute(DuckDbWarehouse warehouse, String sql) {
        warehouse.update("a test statement", List.of(sql));
    }

    /** The first column of every row, as text. */
    public static List<String> column(DuckDbWarehouse warehouse, String sql) {
        return warehouse.withConnection("a test query", c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    public static long count(DuckDbWarehouse warehouse, String table) {
        return Long.parseLong(column(warehouse, "SELECT count(*) FROM " + table).get(0));
    }
}
