package io.tideway.query.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.query.config.EngineSettings;
import io.tideway.query.config.QuerySettings;
import io.tideway.query.config.TrinoSettings;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Which engine the accounts' queries get; choosing needs no Trino server (connections open on first use). */
class EngineChoiceTest {

    @Test
    void duckDbByDefault() throws Exception {
        try (Warehouses warehouses = warehouses(EngineSettings.duckDb(), new TrinoSettings(null, null, null, null, null))) {
            assertThat(warehouses.forAccount("1")).isInstanceOf(DuckDbWarehouse.class).isSameAs(warehouses.of("1"));
            assertThat(warehouses.forAccount("2")).isInstanceOf(DuckDbWarehouse.class).isNotSameAs(warehouses.of("1"));
        }
    }

    @Test
    void trinoWhenConfigured() throws Exception {
        try (Warehouses warehouses = warehouses(new EngineSettings("trino"),
                new TrinoSettings("jdbc:trino://127.0.0.1:9", null, null, null, null))) {
            assertThat(warehouses.forAccount("1")).isInstanceOf(TrinoWarehouse.class);
            assertThat(warehouses.forAccount("2")).isInstanceOf(TrinoWarehouse.class)
                    .isNotSameAs(warehouses.forAccount("1"));
            assertThat(warehouses.of("1").databases()).as("the DuckDB file keeps bookkeeping only").isEmpty();
            assertThat(warehouses.forAccount("1").isOpen()).as("nothing listens on port 9").isFalse();
        }
    }

    @Test
    void trinoNeedsAUrl() {
        assertThatThrownBy(() -> warehouses(new EngineSettings("trino"), new TrinoSettings(null, null, null, null, null)))
                .hasMessageContaining("tideway.engine.trino.url is not set");
    }

    @Test
    void oneSharedCatalogServesAccountOneOnly() throws Exception {
        try (Warehouses warehouses = warehouses(new EngineSettings("trino"),
                new TrinoSettings("jdbc:trino://127.0.0.1:9", "memory", null, null, null))) {
            assertThat(warehouses.forAccount("1")).isInstanceOf(TrinoWarehouse.class);
            assertThatThrownBy(() -> warehouses.forAccount("2"))
                    .hasMessageContaining("Account 2 has no Trino catalog of its own");
        }
    }

    private static Warehouses warehouses(EngineSettings engine, TrinoSettings trino) throws Exception {
        return new Warehouses(new QuerySettings(Files.createTempDirectory("engine-choice"), false, null, null),
                engine, trino);
    }
}
