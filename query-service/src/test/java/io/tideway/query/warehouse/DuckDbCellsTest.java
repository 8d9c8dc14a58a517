package io.tideway.query.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.query.config.QuerySettings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's values become the cells the bus carries: null, Boolean, Long, Double or String. */
class DuckDbCellsTest {

    private DuckDbWarehouse warehouse;

    @BeforeEach
    void open() throws Exception {
        warehouse = new DuckDbWarehouse(new QuerySettings(Files.createTempDirectory("cells"), true, null, null));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void convertsEveryKindOfValue() throws Exception {
        List<List<Object>> rows = run("SELECT 1::TINYINT, 2::BIGINT, 1.25::FLOAT, 12.345::DECIMAL(10,3), true, 'x', "
                + "NULL::INTEGER, [1, 2], MAP {'a': 'b'}, {'k': 1}, DATE '2024-01-02', "
                + "TIMESTAMP '2024-01-02 03:04:05', 170141183460469231731687303715884105727::HUGEINT, 7::HUGEINT");

        assertThat(rows.get(0)).containsExactly(1L, 2L, 1.25, "12.345", true, "x", null, "[1,2]", "{\"a\":\"b\"}",
                "{\"k\":1}", "2024-01-02", "2024-01-02T03:04:05", "170141183460469231731687303715884105727", 7L);
    }

    @Test
    void resolvesUnqualifiedNamesInTheJobsDatabase() throws Exception {
        List<List<Object>> rows = run("SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code'] ORDER BY code");

        assertThat(rows).containsExactly(List.of("200", 3500L), List.of("304", 500L), List.of("404", 500L),
                List.of("500", 500L));
    }

    private List<List<Object>> run(String sql) throws QueryFailedException {
        List<List<Object>> rows = new ArrayList<>();
        warehouse.run("testdb", sql, new RowSink() {
            @Override
            public void columns(List<Column> columns) {
            }

            @Override
            public void row(List<Object> cells) {
                rows.add(cells);
            }
        });
        return rows;
    }
}
