package io.tideway.scheduler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where Kafka is ({@code tideway.kafka.*}).
 *
 * @param bootstrapServers {@code tideway.kafka.bootstrap-servers}, required, e.g. {@code 127.0.0.1:9092}
 */
@ConfigurationProperties("tideway.kafka")
public record KafkaSettings(@Nullable String bootstrapServers) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("tideway.kafka.bootstrap-servers is not set: give the Kafka brokers, "
                    + "e.g. 127.0.0.1:9092");
        }
    }
}
