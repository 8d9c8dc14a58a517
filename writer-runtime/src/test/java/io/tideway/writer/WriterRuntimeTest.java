package io.tideway.writer;

import static io.tideway.schemas.JobEventType.DELIVERED;
import static io.tideway.schemas.JobEventType.DELIVERY_FAILED;
import static io.tideway.schemas.JobEventType.DELIVERY_RETRYING;
import static io.tideway.testing.ResultPublisher.batch;
import static io.tideway.testing.ResultPublisher.end;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tideway.destination.SecretBox;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.TopicSpec;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime against a real broker, with an in-memory destination: the runtime, not the destination, is tested. */
class WriterRuntimeTest {

    private static final String KEY = SecretBox.generateKey();
    private static final String URL = "ftp://writer:pa55word@example.invalid/out.csv";
    private static final List<String> COLUMNS = List.of("n", "text");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static String bootstrap;

    private final RecordingDestination destination = new RecordingDestination();
    private final List<WriterRuntime> runtimes = new ArrayList<>();
    private String topic;
    private String group;
    private ResultPublisher publisher;
    private JobEvents events;

    @BeforeAll
    static void topics() {
        bootstrap = SharedKafka.bootstrapServers();
        TopicCreator.ensure(bootstrap, Topics.all(3), (short) 1);
    }

    @BeforeEach
    void freshTopicAndGroup() {
        String id = UUID.randomUUID().toString();
        topic = "results.test-" + id;
        group = "writer-test-" + id;
        TopicCreator.ensure(bootstrap, List.of(new TopicSpec(topic, 1, Map.of())), (short) 1);
        publisher = new ResultPublisher(bootstrap, KEY);
        events = new JobEvents(bootstrap);
    }

    @AfterEach
    void close() {
        runtimes.forEach(WriterRuntime::close);
        publisher.close();
        events.close();
    }

    @Test
    void deliversInterleavedJobsOnOnePartitionEachWholeAndInOrder() {
        String a = jobId();
        String b = jobId();
        Target target = Target.partition(topic, 0);
        try (ResultPublisher other = new ResultPublisher(bootstrap, KEY)) {
            publisher.begin();
            other.begin();
            publisher.send(target, publisher.header(a, URL, COLUMNS));
            other.send(target, other.header(b, URL, COLUMNS));
            for (int i = 0; i < 3; i++) {
                publisher.send(target, batch(a, i, rows(a, i * 2, 2)));
                other.send(target, batch(b, i, rows(b, i * 2, 2)));
            }
            publisher.send(target, end(a, 6, 3));
            other.send(target, end(b, 6, 3));
            other.commit();
            publisher.commit();
        }
        start(config());

        awaitEvent(a, DELIVERED);
        awaitEvent(b, DELIVERED);
        assertThat(destination.delivered(a)).isEqualTo(rows(a, 0, 6));
        assertThat(destination.delivered(b)).isEqualTo(rows(b, 0, 6));
        assertThat(destination.commits(a)).isEqualTo(1);
        assertThat(destination.commits(b)).isEqualTo(1);
        JobEvent delivered = events.of(a, DELIVERED).get(0);
        assertThat(delivered.getRows()).isEqualTo(6);
        assertThat(delivered.getBytes()).isEqualTo(60);
        assertThat(delivered.getDroppedRows()).isZero();
        assertThat(delivered.getDestination()).isEqualTo("ftp://writer:***@example.invalid/out.csv");
        assertThat(delivered.getWorker()).isEqualTo("runtime-test");
        assertThat(delivered.getAccountId()).isEqualTo("account-1");
    }

    @Test
    void doesNotCommitPastAnUndeliveredJobAndDeliversItWholeOnceAfterRestart() {
        String first = jobId();
        String cut = jobId();
        AtomicReference<WriterRuntime> killed = new AtomicReference<>();
        destination.beforeWrite((jobId, batch) -> {
            if (jobId.equals(cut) && batch == 2) {
                killed.get().close(); // from inside the delivery: the writer stops in the middle of the job
            }
        });
        killed.set(start(config().withMaxPollRecords(1)));
        publish(first, rows(first, 0, 4));
        awaitEvent(first, DELIVERED);
        await().atMost(PATIENCE).until(() -> committedOffset() > 0);

        publish(cut, rows(cut, 0, 8));
        await().atMost(PATIENCE).until(() -> !killed.get().isRunning());
        assertThat(destination.aborts(cut)).isEqualTo(1);
        assertThat(destination.commits(cut)).isZero();
        assertThat(committedOffset()).isEqualTo(headerOffset(cut));

        destination.beforeWrite((jobId, batch) -> { });
        start(config());
        awaitEvent(cut, DELIVERED);
        assertThat(destination.delivered(cut)).isEqualTo(rows(cut, 0, 8));
        assertThat(destination.commits(cut)).isEqualTo(1);
        assertThat(destination.commits(first)).isEqualTo(1);
    }

    @Test
    void anInstanceJoiningAndLeavingTheGroupMakesNoJobDeliveredTwice() {
        String spread = "results.test-spread-" + UUID.randomUUID();
        TopicCreator.ensure(bootstrap, List.of(new TopicSpec(spread, 6, Map.of())), (short) 1);
        // slow enough that rebalances land while every partition has jobs in flight and events unacknowledged
        destination.beforeWrite((jobId, batch) -> sleep(10));
        WriterConfig first = WriterConfig.forScheme("ftp", bootstrap, KEY).withTopic(spread, group)
                .withInstanceId("runtime-a").withMaxPollRecords(4);
        start(first);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String job = jobId();
            jobs.add(job);
            publisher.publish(Target.partition(spread, i % 6), job, URL, COLUMNS, rows(job, 0, 12), 2);
        }
        await().atMost(PATIENCE).until(() -> delivered(jobs) >= 15);
        WriterRuntime joining = start(first.withInstanceId("runtime-b"));
        await().atMost(PATIENCE).until(() -> events.all().stream()
                .anyMatch(e -> e.getType() == DELIVERED && e.getWorker().equals("runtime-b")));
        joining.close();

        await().atMost(PATIENCE).until(() -> delivered(jobs) == jobs.size());
        List<JobEvent> deliveries = events.all().stream().filter(e -> e.getType() == DELIVERED).toList();
        for (String job : jobs) {
            assertThat(destination.commits(job)).as(job).isEqualTo(1);
            assertThat(deliveries).filteredOn(e -> e.getJobId().equals(job)).as(job).hasSize(1);
            assertThat(destination.delivered(job)).as(job).isEqualTo(rows(job, 0, 12));
        }
        assertThat(deliveries).filteredOn(e -> jobs.contains(e.getJobId())).extracting(JobEvent::getWorker)
                .as("both instances worked").contains("runtime-a", "runtime-b");
    }

    @Test
    void retriesATransientFailureByReReadingTheJobAndDeliversItWhole() {
        String job = jobId();
        destination.failOpen(job, DeliveryException.retriable("Cannot connect: connection refused", null));
        destination.failSecondBatch(job, DeliveryException.retriable("Cannot write: 421 too many users", null));
        start(config());
        publish(job, rows(job, 0, 10));

        awaitEvent(job, DELIVERED);
        List<JobEvent> retrying = events.of(job, DELIVERY_RETRYING);
        assertThat(retrying).extracting(JobEvent::getAttempts).containsExactly(1, 2);
        assertThat(retrying).extracting(JobEvent::getError)
                .containsExactly("Cannot connect: connection refused", "Cannot write: 421 too many users");
        assertThat(destination.opens(job)).isEqualTo(3);
        assertThat(destination.delivered(job)).isEqualTo(rows(job, 0, 10));
        assertThat(destination.commits(job)).isEqualTo(1);
    }

    @Test
    void waitsAtLeastTheDelayTheDestinationSuggestsBeforeRetrying() {
        String job = jobId();
        destination.failOpen(job, DeliveryException.retriable("Busy: 429, retry after 1 s", null,
                Duration.ofSeconds(1)));
        List<String> schedule = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, java.time.Instant> times = new java.util.concurrent.ConcurrentHashMap<>();
        AttemptListener listener = new AttemptListener() {
            @Override
            public void retryScheduled(String jobId, int failedAttempts, java.time.Instant failedAt, Duration delay) {
                schedule.add(jobId + " failed " + failedAttempts + ", retry in " + delay);
                times.put("failed", failedAt);
            }

            @Override
            public void retryStarted(String jobId, int attempt, java.time.Instant startedAt) {
                schedule.add(jobId + " attempt " + attempt);
                times.put("retried", startedAt);
            }
        };
        WriterRuntime runtime = new WriterRuntime(destination, config().withRetry(
                new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(5), 3)), listener);
        runtimes.add(runtime);
        runtime.start();
        publish(job, rows(job, 0, 3));

        awaitEvent(job, DELIVERED);
        assertThat(schedule).containsExactly(job + " failed 1, retry in PT1S", job + " attempt 2");
        assertThat(Duration.between(times.get("failed"), times.get("retried"))).isGreaterThanOrEqualTo(
                Duration.ofSeconds(1));
        assertThat(destination.opens(job)).isEqualTo(2);
        assertThat(destination.delivered(job)).isEqualTo(rows(job, 0, 3));
    }

    @Test
    void logsEveryLineAboutAJobWithItsIdAndTellsTheListenerWhatHappened() {
        String retried = jobId();
        String failing = jobId();
        destination.failOpen(retried, DeliveryException.retriable("Cannot connect: connection refused", null));
        destination.failOpen(failing, DeliveryException.permanent("Cannot log in: 530"));
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        AttemptListener listener = new AttemptListener() {
            @Override
            public void delivered(String jobId, Receipt receipt, int attempt, Duration attemptTime,
                                  Duration sincePublished) {
                heard.add(jobId + " delivered " + receipt.rows() + " rows by attempt " + attempt);
            }

            @Override
            public void gaveUp(String jobId, int attempts) {
                heard.add(jobId + " gave up after " + attempts);
            }

            @Override
            public void consumerCreated(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
                heard.add("consumer created");
            }
        };
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                WriterRuntime.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            WriterRuntime runtime = new WriterRuntime(destination, config(), listener);
            runtimes.add(runtime);
            runtime.start();
            publish(retried, rows(retried, 0, 5));
            publish(failing, rows(failing, 0, 1));
            awaitEvent(retried, DELIVERED);
            awaitEvent(failing, DELIVERY_FAILED);
            await().atMost(PATIENCE).until(() -> heard.size() == 3);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(heard).containsExactlyInAnyOrder("consumer created", retried + " delivered 5 rows by attempt 2",
                failing + " gave up after 1");
        for (String job : List.of(retried, failing)) {
            assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains(job)).hasSizeGreaterThanOrEqualTo(
                    job.equals(retried) ? 2 : 1).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                            .containsEntry(WriterRuntime.JOB_ID, job));
        }
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("The ftp writer now also reads"))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKey(WriterRuntime.JOB_ID));
    }

    @Test
    void failsAPermanentFailureAtOnceWithoutRetryingAndDeliversTheNextJob() {
        String failing = jobId();
        String next = jobId();
        destination.failOpen(failing, DeliveryException.permanent("Cannot log in as writer: 530 Login incorrect."));
        start(config());
        publish(failing, rows(failing, 0, 4));
        publish(next, rows(next, 0, 4));

        JobEvent failed = awaitEvent(failing, DELIVERY_FAILED);
        assertThat(failed.getError()).isEqualTo("Cannot log in as writer: 530 Login incorrect.");
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getDestination()).isEqualTo("ftp://writer:***@example.invalid/out.csv");
        awaitEvent(next, DELIVERED);
        assertThat(events.of(failing, DELIVERY_RETRYING)).isEmpty();
        assertThat(destination.opens(failing)).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> committedOffset() > headerOffset(next));
    }

    @Test
    void givesUpAfterTheLastAttemptAndMasksThePasswordInTheError() {
        String job = jobId();
        DeliveryException leaky = DeliveryException.retriable("Server said: bad password pa55word", null);
        destination.failOpen(job, leaky, leaky, leaky);
        start(config());
        publish(job, rows(job, 0, 2));

        JobEvent failed = awaitEvent(job, DELIVERY_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(3);
        assertThat(failed.getError()).isEqualTo("Server said: bad password ***");
        assertThat(events.of(job, DELIVERY_RETRYING)).extracting(JobEvent::getAttempts).containsExactly(1, 2);
        assertThat(events.of(job).toString()).doesNotContain("pa55word");
        assertThat(destination.opens(job)).isEqualTo(3);
    }

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicAndDeliversTheNextJob() {
        String poison = "poison-" + UUID.randomUUID();
        String job = jobId();
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        publisher.publishRaw(Target.partition(topic, 0), poison, garbage);
        publish(job, rows(job, 0, 3));
        start(config());

        awaitEvent(job, DELIVERED);
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(poison);
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, DeadLetters.TOPIC_HEADER)).isEqualTo(topic);
        assertThat(header(letter, DeadLetters.PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.EXCEPTION_HEADER)).contains("Cannot decode a ResultMessage");
        await().atMost(PATIENCE).until(() -> committedOffset() > headerOffset(job));
    }

    @Test
    void neverDeliversAResultWhoseTransactionWasAborted() {
        String aborted = jobId();
        String committed = jobId();
        publisher.publishAborted(Target.partition(topic, 0), aborted, URL, COLUMNS, rows(aborted, 0, 4), 2);
        publish(committed, rows(committed, 0, 4));
        start(config());

        awaitEvent(committed, DELIVERED);
        assertThat(destination.opens(aborted)).isZero();
        assertThat(events.of(aborted)).isEmpty();
    }

    private WriterConfig config() {
        return WriterConfig.forScheme("ftp", bootstrap, KEY).withTopic(topic, group).withInstanceId("runtime-test")
                .withRetry(new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 3));
    }

    private WriterRuntime start(WriterConfig config) {
        WriterRuntime runtime = new WriterRuntime(destination, config);
        runtimes.add(runtime);
        runtime.start();
        return runtime;
    }

    private void publish(String jobId, List<List<Object>> rows) {
        publisher.publish(Target.partition(topic, 0), jobId, URL, COLUMNS, rows, 2);
    }

    private JobEvent awaitEvent(String jobId, JobEventType type) {
        await().atMost(PATIENCE).until(() -> !events.of(jobId, type).isEmpty());
        return events.of(jobId, type).get(0);
    }

    private long delivered(List<String> jobs) {
        return events.all().stream().filter(e -> e.getType() == DELIVERED && jobs.contains(e.getJobId()))
                .map(JobEvent::getJobId).distinct().count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String jobId() {
        return "job-" + UUID.randomUUID();
    }

    /** Rows {@code [from, from + count)} of a job: a long, a string naming the job, and a null now and then. */
    private static List<List<Object>> rows(String jobId, int from, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long n = from; n < from + count; n++) {
            rows.add(java.util.Arrays.asList(n, n % 3 == 0 ? null : jobId + "/" + n));
        }
        return rows;
    }

    private long committedOffset() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long headerOffset(String jobId) {
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            long end = reader.endOffsets(List.of(tp)).get(tp);
            while (reader.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (new String(record.key(), StandardCharsets.UTF_8).equals(jobId)) {
                        return record.offset();
                    }
                }
            }
        }
        throw new AssertionError("No record of " + jobId + " on " + topic);
    }

    private ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            TopicPartition tp = new TopicPartition(Topics.DEAD_LETTERS, 0);
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (new String(record.key(), StandardCharsets.UTF_8).equals(key)) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
            return found.get();
        }
    }

    private static KafkaConsumer<byte[], byte[]> reader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
