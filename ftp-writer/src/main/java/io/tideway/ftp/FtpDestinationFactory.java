package io.tideway.ftp;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The ftp-writer's one destination, for the shared writer service to run. */
@Factory
class FtpDestinationFactory {

    @Singleton
    FtpDestination ftpDestination(FtpSettings settings) {
        return new FtpDestination(settings);
    }
}
