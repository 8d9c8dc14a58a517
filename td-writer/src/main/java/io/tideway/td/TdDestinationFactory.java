package io.tideway.td;

import io.micronaut.context.annotation.Factory;
import io.tideway.writer.service.TrustStoreSettings;
import jakarta.inject.Singleton;

/** The td-writer's one destination, for the shared writer service to run (and close at shutdown). */
@Factory
class TdDestinationFactory {

    @Singleton
    TdDestination tdDestination(TdSettings settings, TrustStoreSettings trustStore) {
        return new TdDestination(settings, trustStore);
    }
}
