package io.tideway.query.config;

import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client settings the service's consumers and producers share; keys are job ids, values Avro bytes. */
@Singleton
public class KafkaClients {

    /** A job's transaction may stay open while its query runs; the broker aborts it after this. */
    public static final int TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000;
    /** Results topics take messages up to 8 MiB. */
    public static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    private final String bootstrapServers;
    private final String instanceId;

    public KafkaClients(KafkaSettings kafka, TidewaySettings tideway) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.instanceId = tideway.instanceId();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String instanceId() {
        return instanceId;
    }

    /** A consumer that sees committed records only and never commits on its own. */
    public Properties consumer(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-" + instanceId + "-" + (groupId == null ? "view" : groupId));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * The transactional producer of a query runner, which publishes results in messages of up to
     * {@code messageBytes}: its {@code batch.size} holds two such messages and more, so that consecutive messages of
     * a result share a producer batch (one compressed lz4 frame, one request) and the batch buffers come from the
     * producer's pool rather than being allocated per message, as they are for a message larger than the batch.
     */
    public Properties resultsProducer(String transactionalIdPrefix, int messageBytes) {
        Properties p = transactionalProducer(transactionalIdPrefix);
        int batchSize = Math.min(MAX_REQUEST_BYTES, 2 * messageBytes + 64 * 1024);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(Math.max(512 * 1024, batchSize)));
        return p;
    }

    /** A transactional producer tuned to batch: large batches, a short linger, lz4. */
    public Properties transactionalProducer(String transactionalIdPrefix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + instanceId);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalIdPrefix + "-" + instanceId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT_MS));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
