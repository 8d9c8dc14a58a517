package io.tideway.query.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.tideway.query.warehouse.QueryEngines;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** UP when every open account warehouse answers a query. */
@Singleton
public class WarehouseHealthIndicator implements HealthIndicator {

    private final QueryEngines engines;

    public WarehouseHealthIndicator(QueryEngines engines) {
        this.engines = engines;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("warehouse", engines.allOpen() ? HealthStatus.UP : HealthStatus.DOWN)
                .build());
    }
}
