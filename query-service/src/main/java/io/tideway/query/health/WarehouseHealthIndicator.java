package io.tideway.query.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.tideway.query.warehouse.QueryEngine;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** UP when the warehouse answers a query. */
@Singleton
public class WarehouseHealthIndicator implements HealthIndicator {

    private final QueryEngine engine;

    public WarehouseHealthIndicator(QueryEngine engine) {
        this.engine = engine;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("warehouse", engine.isOpen() ? HealthStatus.UP : HealthStatus.DOWN)
                .build());
    }
}
