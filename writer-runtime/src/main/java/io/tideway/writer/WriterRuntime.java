package io.tideway.writer;

import io.tideway.destination.SecretBox;
import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultHeader;
import io.tideway.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The writer of one destination scheme: consumes the scheme's results topic in the group
 * {@code tideway-<scheme>-writer}, reassembles each job from its header, batches and end marker (one partition
 * interleaves several jobs), delivers it through the {@link Destination}, reports {@code DELIVERED},
 * {@code DELIVERY_RETRYING} and {@code DELIVERY_FAILED} job events, and sends records it cannot decode to the
 * dead-letter topic.
 *
 * <p>Guarantees: it reads committed records only, so an aborted publication is never delivered. It commits a
 * partition's consumer offset only below the header of the oldest job there that is not yet settled (delivered or
 * failed, and its event acknowledged by Kafka), so a writer killed at any moment re-reads, and delivers again,
 * every job it had not reported; destinations make the final step idempotent so that this is harmless.
 *
 * <p>Threads: one consumer thread polls, feeds first attempts batch by batch as they arrive, and owns all job
 * state. A retriable failure schedules a retry on a retry thread after a backoff; the retry re-reads the job from
 * Kafka with its own consumer. The consumer thread never sleeps and never waits for a retry; results of retries
 * and acknowledgements from Kafka come back to it through a queue.
 *
 * <p>Logs: every line about a job carries the job's id in the logging context ({@value #JOB_ID}), on whichever
 * thread it is written, and the context is cleared after each step, so no id outlives its job on a thread.
 */
public final class WriterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriterRuntime.class);
    private static final Object DEAD_LETTER = new Object();
    /** The key of the job's id in the logging context (SLF4J MDC), the same in every service. */
    public static final String JOB_ID = "job_id";
    static final int SESSION_TIMEOUT_MS = 10_000;

    private final WriterConfig config;
    private final Destination destination;
    private final AttemptListener listener;
    private final DeliveryRequests requests;
    private final JobReplay replay;
    private final Queue<Runnable> onConsumerThread = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionJobs> partitions = new HashMap<>();
    private final ScheduledExecutorService retries;
    private final Thread consumerThread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private KafkaConsumer<byte[], byte[]> consumer;
    private JobEventPublisher events;

    public WriterRuntime(Destination destination, WriterConfig config) {
        this(destination, config, AttemptListener.NONE);
    }

    /** A runtime that also tells {@code listener} when it schedules and starts retries. */
    public WriterRuntime(Destination destination, WriterConfig config, AttemptListener listener) {
        this.config = config;
        this.destination = destination;
        this.listener = listener;
        this.requests = new DeliveryRequests(SecretBox.fromBase64Key(config.secretKey()));
        this.replay = new JobReplay(config, destination, requests);
        AtomicInteger retryThreads = new AtomicInteger();
        ScheduledThreadPoolExecutor retryPool = new ScheduledThreadPoolExecutor(config.retryThreads(), r -> daemon(r,
                config.scheme() + "-writer-retry-" + retryThreads.incrementAndGet()));
        retryPool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        retryPool.setRemoveOnCancelPolicy(true);
        this.retries = retryPool;
        this.consumerThread = daemon(this::run, config.scheme() + "-writer");
    }

    /** Starts consuming; returns at once. */
    public synchronized void start() {
        if (consumer != null) {
            throw new IllegalStateException("The " + config.scheme() + " writer is already started");
        }
        consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        listener.consumerCreated(consumer);
        events = new JobEventPublisher(config, this::failedToPublish);
        LOG.info("Starting the {} writer: {}", config.scheme(), config);
        consumerThread.start();
    }

    /** Whether the consumer is running; false once it has stopped, after {@link #close()} or a fatal error. */
    public boolean isRunning() {
        return consumerThread.isAlive() && failure == null;
    }

    /** The error that stopped the consumer, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Stops polling, aborts open deliveries (their jobs are delivered again by whoever reads the partition next),
     * commits what is settled and closes the Kafka clients, waiting at most the configured close timeout.
     */
    @Override
    public void close() {
        stopping = true;
        if (consumerThread.isAlive() && Thread.currentThread() != consumerThread) {
            try {
                consumerThread.join(config.closeTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (consumerThread.isAlive()) {
                LOG.warn("The {} writer did not stop within {}", config.scheme(), config.closeTimeout());
            }
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.topic()), new Rebalance());
            while (!stopping) {
                runQueued();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(config.pollTimeout())) {
                    if (stopping) {
                        break;
                    }
                    handle(record);
                }
                runQueued();
                commitSettled(partitions.keySet());
            }
            shutDown();
        } catch (Throwable e) {
            failure = e;
            LOG.error("The {} writer stopped on an error; its open jobs will be delivered again after a restart",
                    config.scheme(), e);
            cancelAll(partitions.keySet());
        } finally {
            retries.shutdownNow();
            closeQuietly();
        }
    }

    private void shutDown() throws InterruptedException {
        cancelAll(partitions.keySet());
        retries.shutdown(); // cancelled retries end at their next poll; interrupting them would only spoil their close
        if (!retries.awaitTermination(config.closeTimeout().toMillis() / 2, TimeUnit.MILLISECONDS)) {
            retries.shutdownNow();
        }
        events.flush();
        runQueued();
        commitSettled(partitions.keySet());
        LOG.info("The {} writer stopped", config.scheme());
    }

    private void closeQuietly() {
        Duration half = config.closeTimeout().dividedBy(2);
        try {
            consumer.close(half);
        } catch (RuntimeException e) {
            LOG.warn("Closing the {} writer's consumer failed", config.scheme(), e);
        }
        listener.consumerClosed(consumer);
        events.close(half);
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        PartitionJobs partition = partitions.get(new TopicPartition(record.topic(), record.partition()));
        partition.handled(record.offset());
        ResultRecord message;
        try {
            message = ResultRecord.read(record.value());
        } catch (RuntimeException e) {
            deadLetter(partition, record, e);
            return;
        }
        Object body = message.body();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, message.jobId())) {
            if (message.isBatch()) {
                onBatch(partition.job(message.jobId()), message);
            } else if (body instanceof ResultHeader header) {
                onHeader(partition, record.offset(), record.timestamp(), message.jobId(), header);
            } else if (body instanceof ResultEnd end) {
                onEnd(partition.job(message.jobId()), end);
            }
        }
    }

    private void onHeader(PartitionJobs partition, long offset, long publishedAt, String jobId, ResultHeader header) {
        OpenJob previous = partition.job(jobId);
        if (previous != null) {
            LOG.warn("Job {} was published again at offset {}; delivering the newer result", jobId, offset);
            previous.cancel();
            partition.close(previous);
            partition.settle(previous.headerOffset(), previous);
        }
        OpenJob job = new OpenJob(partition, jobId, offset, header);
        job.publishedAt(publishedAt);
        job.attemptStarted();
        partition.open(job);
        LOG.debug("Delivering {} to {}", job, job.maskedUrl());
        try {
            job.streaming(Attempt.open(destination, requests.forJob(job)));
        } catch (DeliveryException e) {
            attemptFailed(job, e);
        }
    }

    private void onBatch(OpenJob job, ResultRecord batch) {
        if (job == null || job.streaming() == null) {
            return; // settled, failed or being retried from Kafka: this batch is not for the consumer thread
        }
        try {
            job.streaming().write(batch);
        } catch (DeliveryException e) {
            attemptFailed(job, e);
        }
    }

    private void onEnd(OpenJob job, ResultEnd end) {
        if (job == null || job.streaming() == null) {
            return;
        }
        try {
            Receipt receipt = job.streaming().finish(end);
            job.streaming(null);
            delivered(job, receipt);
        } catch (DeliveryException e) {
            attemptFailed(job, e);
        }
    }

    private void delivered(OpenJob job, Receipt receipt) {
        job.partition().close(job);
        LOG.info("Delivered {} to {}: {} rows, {} bytes", job, job.maskedUrl(), receipt.rows(), receipt.bytes());
        listener.delivered(job.jobId(), receipt, job.failedAttempts() + 1, job.attemptTime(), job.sincePublished());
        events.delivered(job, receipt, () -> onConsumerThread.add(() -> settle(job)));
    }

    private void attemptFailed(OpenJob job, DeliveryException e) {
        job.abortStreaming();
        int attempts = job.countFailedAttempt();
        String error = job.mask(e.getMessage());
        if (e.retriable() && config.retry().allowsAnotherAfter(attempts) && !stopping) {
            Instant failedAt = Instant.now();
            Duration delay = config.retry().delayAfter(attempts, e.retryAfter());
            LOG.warn("Delivery of {} failed (attempt {} of {}); retrying in {}{}: {}", job, attempts,
                    config.retry().maxAttempts(), delay, e.retryAfter().map(after -> " (asked: " + after + ")")
                            .orElse(""), error);
            events.retrying(job, error, attempts, () -> { });
            listener.retryScheduled(job.jobId(), attempts, failedAt, delay);
            job.retry(retries.schedule(() -> retry(job, attempts + 1), delay.toMillis(), TimeUnit.MILLISECONDS));
        } else if (!stopping) {
            LOG.warn("Delivery of {} failed after {} attempt(s); giving up: {}", job, attempts, error);
            job.partition().close(job);
            events.failed(job, error, attempts, () -> onConsumerThread.add(() -> settle(job)));
            listener.gaveUp(job.jobId(), attempts);
        }
    }

    private void retry(OpenJob job, int attempt) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, job.jobId())) {
            listener.retryStarted(job.jobId(), attempt, Instant.now());
            job.attemptStarted();
            replay.run(job, new JobReplay.Outcome() {
                @Override
                public void delivered(Receipt receipt) {
                    onConsumerThread.add(() -> ifStillOwned(job, () -> WriterRuntime.this.delivered(job, receipt)));
                }

                @Override
                public void failed(DeliveryException e) {
                    onConsumerThread.add(() -> ifStillOwned(job, () -> attemptFailed(job, e)));
                }
            });
        }
    }

    /** On the consumer thread: runs {@code step} for the job's retry unless its partition was revoked meanwhile. */
    private void ifStillOwned(OpenJob job, Runnable step) {
        if (job.partition().owns(job) && partitions.get(job.topicPartition()) == job.partition()) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, job.jobId())) {
                step.run();
            }
        }
    }

    private void settle(OpenJob job) {
        job.partition().settle(job.headerOffset(), job);
    }

    private void deadLetter(PartitionJobs partition, ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
        LOG.warn("Sending the undecodable record {}-{}@{} to {}: {}", record.topic(), record.partition(),
                record.offset(), Topics.DEAD_LETTERS, e.getMessage());
        partition.hold(record.offset(), DEAD_LETTER);
        listener.deadLettered(record.topic());
        events.deadLetter(record, e, () -> onConsumerThread.add(
                () -> partition.settle(record.offset(), DEAD_LETTER)));
    }

    private void failedToPublish(Exception e) {
        failure = new IllegalStateException("Cannot publish to Kafka, so cannot report deliveries: " + e.getMessage(), e);
        stopping = true;
    }

    private void runQueued() {
        for (Runnable task = onConsumerThread.poll(); task != null; task = onConsumerThread.poll()) {
            task.run();
        }
    }

    private void commitSettled(Collection<TopicPartition> topicPartitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : topicPartitions) {
            PartitionJobs partition = partitions.get(tp);
            long safe = partition.safeOffset();
            if (safe > partition.committed()) {
                offsets.put(tp, new OffsetAndMetadata(safe));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, offset) -> partitions.get(tp).committed(offset.offset()));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.info("Offsets not committed during a rebalance; the next owner re-reads from the last commit: {}",
                    e.getMessage());
        }
    }

    private void cancelAll(Collection<TopicPartition> topicPartitions) {
        for (TopicPartition tp : topicPartitions) {
            PartitionJobs partition = partitions.get(tp);
            if (partition != null) {
                partition.openJobs().forEach(OpenJob::cancel);
            }
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-" + config.scheme() + "-writer");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(config.fetchMaxBytes()));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(config.maxPartitionFetchBytes()));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.maxPollRecords()));
        // A writer that dies without leaving the group (SIGKILL, a lost machine) holds its partitions until its
        // session expires: 10 s rather than the client's 45 s hands its jobs to the other instances sooner.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT_MS));
        // Cooperative rebalancing moves only the partitions that change owner: when an instance joins or leaves,
        // the others keep streaming the jobs of the partitions they keep instead of aborting and re-reading them.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return props;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Keeps the partition state in step with the assignment; runs on the consumer thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // A job whose DELIVERED event is still on its way to Kafka is settled only once the event is
            // acknowledged; waiting for those acknowledgements here lets the commit below cover it, so the
            // partition's next owner does not deliver it a second time.
            runQueued();
            events.flush();
            runQueued();
            List<TopicPartition> owned = new ArrayList<>(revoked);
            owned.retainAll(partitions.keySet());
            commitSettled(owned);
            drop(owned);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            drop(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            assigned.forEach(tp -> partitions.put(tp, new PartitionJobs(tp)));
            if (!assigned.isEmpty()) {
                LOG.info("The {} writer now also reads {}", config.scheme(), assigned);
            }
        }

        private void drop(Collection<TopicPartition> dropped) {
            cancelAll(dropped);
            dropped.forEach(partitions::remove);
        }
    }
}
