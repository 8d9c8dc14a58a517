package io.tideway.scheduler;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** {@code /health} is UP only while the scheduler's streams are RUNNING (not while starting or rebalancing). */
@Singleton
public class SchedulerHealthIndicator implements HealthIndicator {

    private final SchedulerService service;

    public SchedulerHealthIndicator(SchedulerService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = service.state();
        HealthResult.Builder result = HealthResult.builder("scheduler",
                state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN);
        String problem = service.problem();
        return Publishers.just(result.details(problem == null ? Map.of("state", state.name())
                : Map.of("state", state.name(), "error", problem)).build());
    }
}
