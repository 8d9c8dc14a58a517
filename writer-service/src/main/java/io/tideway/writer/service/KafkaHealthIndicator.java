package io.tideway.writer.service;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/**
 * {@code /health} is DOWN while no Kafka broker answers: the writer can neither read results nor report deliveries,
 * though its consumer keeps trying.
 */
@Singleton
public class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {

    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;
    private final String bootstrapServers;

    public KafkaHealthIndicator(KafkaSettings kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.admin = Admin.create(props);
        this.bootstrapServers = kafka.bootstrapServers();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result;
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            result = HealthResult.builder("kafka", HealthStatus.UP).details(Map.of("brokers", brokers));
        } catch (Exception e) {
            result = HealthResult.builder("kafka", HealthStatus.DOWN).details(Map.of("error",
                    "Kafka at " + bootstrapServers + " does not answer: " + e.getMessage()));
        }
        return Publishers.just(result.build());
    }

    @PreDestroy
    @Override
    public void close() {
        admin.close();
    }
}
