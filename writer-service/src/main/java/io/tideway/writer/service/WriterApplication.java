package io.tideway.writer.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * Starts a writer service: its {@link WriterService} (topics, runtime, the app's destination) and {@code /health}.
 * Settings come from system properties, environment variables ({@code TIDEWAY_KAFKA_BOOTSTRAP_SERVERS},
 * {@code TIDEWAY_SECRET_KEY}, ...) or {@code application.properties}: {@code tideway.kafka.bootstrap-servers} and
 * {@code tideway.secret-key} are required; {@code micronaut.server.port} sets the HTTP port.
 */
public final class WriterApplication {

    private WriterApplication() {
    }

    /** Starts the writer whose beans sit beside {@code mainClass}; returns the running context. */
    public static ApplicationContext run(Class<?> mainClass, String... args) {
        return Micronaut.build(args).mainClass(mainClass).banner(false).start();
    }
}
