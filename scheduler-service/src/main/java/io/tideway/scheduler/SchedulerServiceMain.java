package io.tideway.scheduler;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the scheduler service: the Kafka Streams application that fires each schedule's ticks exactly once
 * ({@link SchedulerService}) and {@code /health}. Settings come from system properties, environment variables
 * ({@code TIDEWAY_KAFKA_BOOTSTRAP_SERVERS}, ...) or {@code application.properties}:
 * {@code tideway.kafka.bootstrap-servers} (required), {@code tideway.topics.partitions}, {@code tideway.instance-id},
 * {@code tideway.scheduler.*} ({@link SchedulerSettings}) and {@code micronaut.server.port}.
 */
public final class SchedulerServiceMain {

    private SchedulerServiceMain() {
    }

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "java.lang,java.util,io.tideway.schemas"));
        Micronaut.build(args).mainClass(SchedulerServiceMain.class).banner(false).start();
    }
}
