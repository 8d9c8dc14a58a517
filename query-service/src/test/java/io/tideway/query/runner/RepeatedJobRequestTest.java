package io.tideway.query.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tideway.query.RunningService;
import io.tideway.scheduling.ScheduledJobs;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same job id requested twice (two scheduler instances fired one tick in a failover) runs once: the runner
 * recognises the repeat and drops it.
 */
class RepeatedJobRequestTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void runsARequestPublishedTwiceOnce() throws Exception {
        Instant tick = Instant.parse("2026-01-01T00:00:00Z");
        JobRequest request = JobRequest.newBuilder().setJobId("1.failover_" + UUID.randomUUID() + "." + tick.getEpochSecond())
                .setAccountId("1").setDatabase("testdb").setQuery("SELECT TD_SCHEDULED_TIME() AS t")
                .setOrigin(JobOrigin.SCHEDULE).setScheduleName("failover").setScheduledTime(tick)
                .setRequestedAt(Instant.now()).build();

        RecordMetadata repeat;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            publish(producer, request, "scheduler-a");
            repeat = publish(producer, request, "scheduler-b");
        }

        TopicPartition partition = new TopicPartition(repeat.topic(), repeat.partition());
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(partition) > repeat.offset());
        List<JobEventType> types = eventsOf(request.getJobId()).stream().map(JobEvent::getType).toList();
        // the runner may start the first request before the second is published: only the runs are ordered
        assertThat(types).filteredOn(t -> t != JobEventType.QUEUED)
                .containsExactly(JobEventType.RUNNING, JobEventType.QUERY_FINISHED);
        assertThat(types).filteredOn(t -> t == JobEventType.QUEUED).hasSize(2);
        assertThat(service.get("/v3/job/result/" + request.getJobId() + "?format=csv").body())
                .isEqualTo(tick.getEpochSecond() + "\r\n");
    }

    @Test
    void aJobStartedThreeTimesWithoutFinishingFailsWithTheReasonInsteadOfRunningAgain() throws Exception {
        JobRequest request = JobRequest.newBuilder().setJobId("crash-loop-" + UUID.randomUUID()).setAccountId("1")
                .setDatabase("testdb").setQuery("SELECT 1 AS one").setOrigin(JobOrigin.API)
                .setRequestedAt(Instant.now()).build();

        RecordMetadata published;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // three earlier starts whose service died before the job finished (their transactions never committed)
            for (int i = 0; i < RunnerWorker.MAX_STARTS; i++) {
                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, request.getJobId(), Topics.JOB_EVENT_SERDE
                        .encode(io.tideway.query.jobs.JobEvents.running(request, "query-runner-died-" + i)))).get();
            }
            published = producer.send(new ProducerRecord<>(Topics.JOBS, request.getJobId(),
                    Topics.JOB_REQUEST_SERDE.encode(request))).get();
        }

        TopicPartition partition = new TopicPartition(published.topic(), published.partition());
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(partition) > published.offset());
        List<JobEvent> events = eventsOf(request.getJobId());
        assertThat(events).extracting(JobEvent::getType).containsExactly(JobEventType.RUNNING, JobEventType.RUNNING,
                JobEventType.RUNNING, JobEventType.QUERY_FAILED);
        assertThat(events.get(3).getError()).contains("stopped 3 times while running this job");
    }

    private static RecordMetadata publish(KafkaProducer<String, byte[]> producer, JobRequest request, String worker)
            throws Exception {
        String id = request.getJobId();
        producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, id,
                Topics.JOB_EVENT_SERDE.encode(ScheduledJobs.queued(request, worker, Instant.now())))).get();
        return producer.send(new ProducerRecord<>(Topics.JOBS, id, Topics.JOB_REQUEST_SERDE.encode(request))).get();
    }

    private static long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(JobRunner.GROUP)
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    /** Every committed event of the job, read up to the end of job-events as it is now. */
    private static List<JobEvent> eventsOf(String jobId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<JobEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_EVENTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (jobId.equals(r.key())) {
                        events.add(Topics.JOB_EVENT_SERDE.decode(r.value()));
                    }
                });
            }
        }
        return events;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
