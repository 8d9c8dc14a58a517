package io.tideway.writer.service;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} is DOWN when the writer's consumer has died, so that an orchestrator restarts the instance. Its
 * details say when this instance last delivered a job ({@code lastDelivery}, absent before the first): a writer
 * that is UP but has delivered nothing for long, while jobs wait, is worth a look.
 */
@Singleton
public class WriterHealthIndicator implements HealthIndicator {

    private final WriterService service;
    private final WriterMetrics metrics;

    public WriterHealthIndicator(WriterService service, WriterMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result = HealthResult.builder(service.name(),
                service.isRunning() ? HealthStatus.UP : HealthStatus.DOWN);
        Map<String, Object> details = new LinkedHashMap<>();
        Instant lastDelivery = metrics.lastDelivery();
        if (lastDelivery != null) {
            details.put("lastDelivery", lastDelivery.toString());
        }
        String problem = service.problem();
        if (problem != null) {
            details.put("error", problem);
        }
        return Publishers.just(result.details(details).build());
    }
}
