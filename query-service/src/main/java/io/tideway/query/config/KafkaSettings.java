package io.tideway.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the Kafka cluster is.
 *
 * @param bootstrapServers {@code tideway.kafka.bootstrap-servers}: host:port[,host:port...]; required
 */
@ConfigurationProperties("tideway.kafka")
public record KafkaSettings(@Nullable String bootstrapServers) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("tideway.kafka.bootstrap-servers is required: the Kafka brokers, e.g. 127.0.0.1:9092");
        }
    }
}
