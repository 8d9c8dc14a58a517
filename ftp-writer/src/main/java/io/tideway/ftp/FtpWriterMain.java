package io.tideway.ftp;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the ftp-writer: creates the topics if missing, consumes {@code results.ftp} in the group
 * {@code tideway-ftp-writer}, delivers each result as a CSV file, and serves {@code /health}. Settings come from
 * system properties, environment variables ({@code TIDEWAY_KAFKA_BOOTSTRAP_SERVERS}, ...) or
 * {@code application.properties}: {@code tideway.kafka.bootstrap-servers} and {@code tideway.secret-key} are
 * required; {@code micronaut.server.port} sets the HTTP port.
 */
public final class FtpWriterMain {

    private FtpWriterMain() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(FtpWriterMain.class).banner(false).start();
    }
}
