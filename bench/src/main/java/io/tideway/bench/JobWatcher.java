package io.tideway.bench;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code job-events} (read committed, no consumer group, from the end at start) and keeps, per job, when each
 * event happened by the reporting service's clock ({@code JobEvent.time}, ms) and when this process saw it. The
 * services and the harness share the machine's clock, so the event times are comparable with the harness's own.
 */
final class JobWatcher implements AutoCloseable {

    static final Set<JobEventType> TERMINAL = Set.of(JobEventType.DELIVERED, JobEventType.DELIVERY_FAILED,
            JobEventType.QUERY_FAILED, JobEventType.KILLED);

    /** What is known of one job. */
    static final class Job {
        final Map<JobEventType, Long> eventTime = new EnumMap<>(JobEventType.class);
        final Map<JobEventType, Long> seenAt = new EnumMap<>(JobEventType.class);
        volatile String deliveredBy;
        volatile Long deliveredRows;
        volatile Long deliveredBytes;
        volatile String error;

        synchronized Long time(JobEventType type) {
            return eventTime.get(type);
        }

        synchronized boolean has(JobEventType type) {
            return eventTime.containsKey(type);
        }

        synchronized JobEventType terminal() {
            for (JobEventType type : TERMINAL) {
                if (eventTime.containsKey(type)) {
                    return type;
                }
            }
            return null;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong undecodable = new java.util.concurrent.atomic.AtomicLong();

    JobWatcher(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-job-watcher");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any job of the run is submitted
        thread = new Thread(this::run, "bench-job-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.currentTimeMillis();
                    JobEvent event;
                    try {
                        event = Topics.JOB_EVENT_SERDE.decode(record.value());
                    } catch (RuntimeException e) {
                        undecodable.incrementAndGet();
                        continue;
                    }
                    Job job = jobs.computeIfAbsent(event.getJobId(), id -> new Job());
                    synchronized (job) {
                        job.eventTime.putIfAbsent(event.getType(), event.getTime().toEpochMilli());
                        job.seenAt.putIfAbsent(event.getType(), seen);
                        if (event.getType() == JobEventType.DELIVERED) {
                            job.deliveredBy = event.getWorker();
                            job.deliveredRows = event.getRows();
                            job.deliveredBytes = event.getBytes();
                        }
                        if (event.getError() != null) {
                            job.error = event.getError();
                        }
                    }
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Events this watcher could not decode (a schema it does not know); they would make jobs look stuck. */
    long undecodable() {
        return undecodable.get();
    }

    Job job(String jobId) {
        return jobs.computeIfAbsent(jobId, id -> new Job());
    }

    /** Waits until the job satisfies {@code done}; false on timeout. */
    boolean await(String jobId, Predicate<Job> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Job job = job(jobId);
        synchronized (this) {
            while (!done.test(job)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            }
        }
        return true;
    }

    /** Waits until the job reached a terminal event; returns it, or null on timeout. */
    JobEventType awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
        return await(jobId, j -> j.terminal() != null, timeout) ? job(jobId).terminal() : null;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
