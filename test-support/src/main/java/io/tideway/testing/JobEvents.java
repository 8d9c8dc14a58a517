package io.tideway.testing;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job-events topic from the beginning, for tests: collects every event seen so far, so a test can wait
 * for one with Awaitility ({@code await().until(() -> events.of(jobId), hasItem...)}). Not thread-safe; poll it
 * from the test thread.
 */
public final class JobEvents implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<JobEvent> seen = new ArrayList<>();

    public JobEvents(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads every partition from the start, once the topic exists (it may be created after this reader). */
    private boolean assigned() {
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return !consumer.assignment().isEmpty();
    }

    /** Every event of the job read so far, after reading what is new, in the order published. */
    public List<JobEvent> of(String jobId) {
        return all().stream().filter(e -> e.getJobId().equals(jobId)).toList();
    }

    /** Every event read so far, of every job, after reading what is new (one poll, for a test watching many jobs). */
    public List<JobEvent> all() {
        if (!assigned()) {
            return List.of();
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            seen.add(Topics.JOB_EVENT_SERDE.decode(record.value()));
        }
        return List.copyOf(seen);
    }

    /** The job's events of one type read so far. */
    public List<JobEvent> of(String jobId, JobEventType type) {
        return of(jobId).stream().filter(e -> e.getType() == type).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
