package io.tideway.query.schedules;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.tideway.query.savedresults.SavedResults;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** UP when the tables of schedules and saved destinations are reading their topics. */
@Singleton
public class SchedulesHealthIndicator implements HealthIndicator {

    private final Schedules schedules;
    private final SavedResults savedResults;

    public SchedulesHealthIndicator(Schedules schedules, SavedResults savedResults) {
        this.schedules = schedules;
        this.savedResults = savedResults;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean up = schedules.isHealthy() && savedResults.isHealthy();
        return Publishers.just(HealthResult.builder("schedules", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("schedules", schedules.isHealthy() ? "reading" : "stopped",
                        "saved-results", savedResults.isHealthy() ? "reading" : "stopped"))
                .build());
    }
}
