package io.tideway.web;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the web-writer: creates the topics if missing, consumes {@code results.web} (which carries both web and
 * webs results) in the group {@code tideway-web-writer}, delivers each result as JSON to a web server, and serves
 * {@code /health}. Settings come from system properties, environment variables
 * ({@code TIDEWAY_KAFKA_BOOTSTRAP_SERVERS}, ...) or {@code application.properties}:
 * {@code tideway.kafka.bootstrap-servers} and {@code tideway.secret-key} are required; {@code micronaut.server.port}
 * sets the HTTP port; {@code tideway.web.*} ({@link WebSettings}, {@link TrustStoreSettings}) shape deliveries.
 */
public final class WebWriterMain {

    private WebWriterMain() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(WebWriterMain.class).banner(false).start();
    }
}
