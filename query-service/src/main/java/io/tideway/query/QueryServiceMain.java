package io.tideway.query;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the query service: the REST API, the job runner and the job-status view. Topics are created at start
 * ({@link io.tideway.query.config.TopicSetup}). Settings come from system properties or environment variables:
 * {@code tideway.kafka.bootstrap-servers}, {@code tideway.secret-key}, {@code tideway.query.data-dir},
 * {@code micronaut.server.port} and the others of the config package.
 */
public final class QueryServiceMain {

    private QueryServiceMain() {
    }

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "java.lang,java.util,io.tideway.schemas"));
        Micronaut.build(args).mainClass(QueryServiceMain.class).banner(false).start();
    }
}
