package io.tideway.query.config;

import io.micronaut.context.annotation.Context;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the bus's topics at start if missing; beans that use Kafka depend on this so it runs first. */
@Context
public class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final short REPLICATION_FACTOR = 1;

    public TopicSetup(KafkaClients kafka, TopicSettings topics, TidewaySettings tideway, QuerySettings query) {
        LOG.info("Starting query service {} with {}, {}, {}", tideway.instanceId(), topics, query, tideway);
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all(topics.partitions()), REPLICATION_FACTOR);
        LOG.info("Topics ready on Kafka at {}", kafka.bootstrapServers());
    }
}
