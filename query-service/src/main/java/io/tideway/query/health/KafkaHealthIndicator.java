package io.tideway.query.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.tideway.query.config.KafkaClients;
import io.tideway.query.jobs.JobStatusView;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/** UP when a Kafka broker answers and the job-status view is reading job events. */
@Singleton
public class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {

    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;
    private final JobStatusView view;
    private final String bootstrapServers;

    public KafkaHealthIndicator(KafkaClients kafka, JobStatusView view) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.admin = Admin.create(props);
        this.view = view;
        this.bootstrapServers = kafka.bootstrapServers();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthStatus status;
        String detail;
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            status = view.isHealthy() ? HealthStatus.UP : HealthStatus.DOWN;
            detail = brokers + " broker(s); job-status view " + (view.isHealthy() ? "reading" : "stopped");
        } catch (Exception e) {
            status = HealthStatus.DOWN;
            detail = "Kafka at " + bootstrapServers + " does not answer: " + e.getMessage();
        }
        return Publishers.just(HealthResult.builder("kafka", status).details(Map.of("detail", detail)).build());
    }

    @PreDestroy
    @Override
    public void close() {
        admin.close();
    }
}
