package io.tideway.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine settings as the service binds them from its configuration. */
class EngineSettingsTest {

    @Test
    void defaultsToDuckDb() {
        try (ApplicationContext context = context(Map.of())) {
            assertThat(context.getBean(EngineSettings.class).engine()).isEqualTo(EngineSettings.Kind.DUCKDB);
            TrinoSettings trino = context.getBean(TrinoSettings.class);
            assertThat(trino.url()).isNull();
            assertThat(trino.catalogOf("7")).isEqualTo("tideway_7");
            assertThat(trino.userOf("7")).isEqualTo("tideway_7");
        }
    }

    @Test
    void bindsTrinoFromProperties() {
        try (ApplicationContext context = context(Map.of("tideway.engine.kind", "Trino",
                "tideway.engine.trino.url", "jdbc:trino://trino.example:8443?SSL=true",
                "tideway.engine.trino.catalog", "lake_{account}", "tideway.engine.trino.user", "svc",
                "tideway.engine.trino.password", "s3cret", "tideway.engine.trino.insert-rows", "250"))) {
            assertThat(context.getBean(EngineSettings.class).engine()).isEqualTo(EngineSettings.Kind.TRINO);
            TrinoSettings trino = context.getBean(TrinoSettings.class);
            assertThat(trino.requireUrl()).isEqualTo("jdbc:trino://trino.example:8443?SSL=true");
            assertThat(trino.catalogPerAccount()).isTrue();
            assertThat(trino.catalogOf("12")).isEqualTo("lake_12");
            assertThat(trino.userOf("12")).isEqualTo("svc");
            assertThat(trino.insertRows()).isEqualTo(250);
            assertThat(trino.toString()).doesNotContain("s3cret").contains("password=***");
        }
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> new EngineSettings("spark"))
                .hasMessageContaining("tideway.engine.kind must be duckdb or trino, not 'spark'");
        assertThatThrownBy(() -> new TrinoSettings("http://trino:8080", null, null, null, null))
                .hasMessageContaining("must start with jdbc:trino://");
        assertThatThrownBy(() -> new TrinoSettings(null, null, null, null, null).requireUrl())
                .hasMessageContaining("tideway.engine.trino.url is not set");
        assertThatThrownBy(() -> new TrinoSettings("jdbc:trino://t:8080", null, null, null, 0))
                .hasMessageContaining("insert-rows");
    }

    /**
     * A context that binds the configuration as the service's does but holds none of the service's other beans
     * (they would connect to Kafka at start).
     */
    private static ApplicationContext context(Map<String, Object> properties) {
        ApplicationContext context = new DefaultApplicationContext("test") {
            @Override
            protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
                return super.resolveBeanDefinitionReferences().stream()
                        .filter(r -> !r.getBeanType().getName().startsWith("io.tideway.")
                                || r.getBeanType() == EngineSettings.class || r.getBeanType() == TrinoSettings.class)
                        .toList();
            }
        };
        context.getEnvironment().addPropertySource(PropertySource.of("test", properties));
        context.getEnvironment().addPropertySource(PropertySource.of("no-kafka", Map.of("kafka.enabled", "false")));
        return context.start();
    }
}
