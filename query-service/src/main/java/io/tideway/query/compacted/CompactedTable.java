package io.tideway.query.compacted;

import io.tideway.query.config.KafkaClients;
import io.tideway.schemas.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic as a table: the latest value of each key, a tombstone removing it. At start it reads every
 * partition from the beginning (committed records only) and returns once it has caught up; then a thread of its own
 * tails the topic, so every instance of the service sees every change. A caller that just published waits for the
 * table to pass its record ({@link #awaitPast}) to read its own write.
 */
public final class CompactedTable<V extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTable.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final String topic;
    private final AvroSerde<V> serde;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final ReadPositions read;
    private volatile boolean running = true;

    public CompactedTable(String topic, AvroSerde<V> serde, KafkaClients kafka) {
        this.topic = topic;
        this.read = new ReadPositions("Reading " + topic);
        this.serde = serde;
        Properties props = kafka.consumer(null);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-" + kafka.instanceId() + "-" + topic);
        this.consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        this.thread = new Thread(this::run, "table-" + topic);
        thread.setDaemon(true);
        thread.start();
        if (!read.await(ends, CATCH_UP)) {
            throw new IllegalStateException("Reading " + topic + " did not catch up within " + CATCH_UP);
        }
        LOG.info("Table of {} caught up: {} entries", topic, values.size());
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The values whose key starts with {@code prefix}, in no order. */
    public List<V> withKeyPrefix(String prefix) {
        return values.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    /** Waits until the table has applied the record that landed at {@code landed}; false on timeout. */
    public boolean awaitPast(RecordMetadata landed, Duration timeout) {
        return read.await(Map.of(new TopicPartition(landed.topic(), landed.partition()), landed.offset() + 1), timeout);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                read.advance(consumer);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Stopped reading {}: {}", topic, e.getMessage(), e);
            read.failed(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            values.remove(record.key());
            return;
        }
        try {
            values.put(record.key(), serde.decode(record.value()));
        } catch (RuntimeException e) {
            LOG.warn("Skipping an undecodable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    public boolean isHealthy() {
        return !read.hasFailed() && thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
