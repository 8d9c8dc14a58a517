package io.tideway.web;

import io.micronaut.context.annotation.Factory;
import io.tideway.writer.service.TrustStoreSettings;
import jakarta.inject.Singleton;

/** The web-writer's one destination, for the shared writer service to run (and close at shutdown). */
@Factory
class WebDestinationFactory {

    @Singleton
    WebDestination webDestination(WebSettings settings, TrustStoreSettings trustStore) {
        return new WebDestination(settings, trustStore);
    }
}
