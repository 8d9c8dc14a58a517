package io.tideway.scheduler;

import io.tideway.schemas.AvroSerde;
import io.tideway.testing.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, committed records only, and keeps what it saw. Poll from the test thread. */
final class TopicReader<T extends SpecificRecord> implements AutoCloseable {

    /** A record as read: key, value and the time it was stamped with. */
    record Seen<T>(String key, T value, long timestamp) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<T> serde;
    private final List<Seen<T>> seen = new ArrayList<>();

    TopicReader(String topic, AvroSerde<T> serde) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.serde = serde;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record read so far, after reading what is new, that matches. */
    List<Seen<T>> read(Predicate<Seen<T>> matching) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            seen.add(new Seen<>(record.key(), serde.decode(record.value()), record.timestamp()));
        }
        return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
