package io.tideway.writer.service;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** {@code /health} is DOWN when the writer's consumer has died, so that an orchestrator restarts the instance. */
@Singleton
public class WriterHealthIndicator implements HealthIndicator {

    private final WriterService service;

    public WriterHealthIndicator(WriterService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result = HealthResult.builder(service.name(),
                service.isRunning() ? HealthStatus.UP : HealthStatus.DOWN);
        String problem = service.problem();
        return Publishers.just(problem == null ? result.build() : result.details(Map.of("error", problem)).build());
    }
}
