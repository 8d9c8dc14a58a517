package io.tideway.query.jobs;

import io.micronaut.context.annotation.Context;
import io.tideway.query.compacted.ReadPositions;
import io.tideway.query.config.KafkaClients;
import io.tideway.query.config.TopicSetup;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every job's state, folded from the job-events topic only: at start it reads all partitions from the beginning
 * (committed events only), then tails them. So the state survives restarts, and every instance of the service
 * shows the same jobs. Callers that just published an event wait for the view to pass its offset
 * ({@link #awaitPast}) to read their own writes.
 */
@Context
public class JobStatusView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobStatusView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
    private final Map<String, JobTimeline> timelines = new ConcurrentHashMap<>();
    private final Map<JobStatus, AtomicLong> counts = new EnumMap<>(JobStatus.class);
    private final List<FinishListener> finishListeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> jobIdsByDomainKey = new ConcurrentHashMap<>();
    private final Map<String, ScheduleOf> schedulesByJobId = new ConcurrentHashMap<>();
    /** How often a runner started each job (RUNNING events carrying the request; a re-run's carries none). */
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final ReadPositions read = new ReadPositions("The job-status view");
    private volatile boolean running = true;

    public JobStatusView(KafkaClients kafka, TopicSetup topicsReady) {
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, new AtomicLong());
        }
        this.consumer = new KafkaConsumer<>(kafka.consumer(null));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        this.thread = new Thread(this::run, "job-status-view");
        thread.setDaemon(true);
        thread.start();
        read.await(ends, CATCH_UP);
        LOG.info("Job-status view caught up: {} jobs", jobs.size());
    }

    /** How many times a runner has started the job, counting runs cut short by a dying service. */
    public int starts(String jobId) {
        return starts.getOrDefault(jobId, 0);
    }

    public Optional<JobState> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** When the job passed from stage to stage; empty for a job not seen. */
    public Optional<JobTimeline> timeline(String jobId) {
        return Optional.ofNullable(timelines.get(jobId));
    }

    /** How many jobs the view holds in the status. */
    public long count(JobStatus status) {
        return counts.get(status).get();
    }

    /** Hears each job that finishes from now on (not those read at start), on the view's thread; must be quick. */
    public void onFinish(FinishListener listener) {
        finishListeners.add(listener);
    }

    /** A job reached a final status. */
    public interface FinishListener {
        void finished(JobState job, JobTimeline timeline);
    }

    /** The account's jobs, newest (highest id) first. */
    public List<JobState> list(String accountId) {
        return jobs.values().stream().filter(j -> j.accountId().equals(accountId))
                .sorted(Comparator.comparing(JobState::jobId, JobIds.ORDER).reversed())
                .collect(Collectors.toList());
    }

    public Optional<String> jobIdForDomainKey(String accountId, String domainKey) {
        return Optional.ofNullable(jobIdsByDomainKey.get(accountId + "\n" + domainKey));
    }

    /** The jobs whose request named the schedule (run by the scheduler or by sched:run), in no order. */
    public List<ScheduledJob> scheduledJobs(String accountId, String scheduleName) {
        return schedulesByJobId.entrySet().stream()
                .filter(e -> e.getValue().accountId().equals(accountId) && e.getValue().name().equals(scheduleName))
                .flatMap(e -> find(e.getKey()).map(j -> new ScheduledJob(j, e.getValue().scheduledTime())).stream())
                .toList();
    }

    /** The highest numeric job id seen, 0 when none. */
    public long highestJobId() {
        return jobs.keySet().stream().mapToLong(JobIds::numeric).max().orElse(0);
    }

    /** Waits until the view has applied the event at {@code offset} of {@code partition}; false on timeout. */
    public boolean awaitPast(TopicPartition partition, long offset, Duration timeout) {
        return read.await(Map.of(partition, offset + 1), timeout);
    }

    /** Waits until the view has read every partition up to the offsets given; false on timeout. */
    public boolean awaitPositions(Map<TopicPartition, Long> ends, Duration timeout) {
        return read.await(ends, timeout);
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
            LOG.error("The job-status view stopped reading job events: {}", e.getMessage(), e);
            read.failed(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        JobEvent event;
        try {
            event = Topics.JOB_EVENT_SERDE.decode(record.value());
        } catch (RuntimeException e) {
            LOG.warn("Skipping an undecodable job event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        JobState before = jobs.get(event.getJobId());
        JobState next = jobs.compute(event.getJobId(), (id, previous) -> JobStateFold.apply(previous, event));
        if (event.getType() == JobEventType.RUNNING && event.getRequest() != null) {
            starts.merge(event.getJobId(), 1, Integer::sum);
        }
        // Events after a job finished change nothing, unless one reopens it (td job:rerun): then it counts again.
        boolean reopenedOrOpen = before == null || !before.status().isFinished()
                || next != null && !next.status().isFinished();
        if (next != null && reopenedOrOpen) {
            JobTimeline timeline = timelines.compute(next.jobId(), (id, t) -> JobTimelineFold.apply(t, event));
            counted(before, next);
            if (next.status().isFinished() && timeline != null) {
                finishListeners.forEach(l -> l.finished(next, timeline));
            }
        }
        if (next != null && next.domainKey() != null) {
            jobIdsByDomainKey.putIfAbsent(next.accountId() + "\n" + next.domainKey(), next.jobId());
        }
        JobRequest request = event.getRequest();
        if (next != null && request != null && request.getScheduleName() != null) {
            schedulesByJobId.putIfAbsent(next.jobId(), new ScheduleOf(request.getAccountId(), request.getScheduleName(),
                    request.getScheduledTime()));
        }
    }

    private void counted(JobState before, JobState after) {
        if (before != null) {
            counts.get(before.status()).decrementAndGet();
        }
        counts.get(after.status()).incrementAndGet();
    }

    private record ScheduleOf(String accountId, String name, Instant scheduledTime) {
    }

    public boolean isHealthy() {
        return !read.hasFailed() && thread.isAlive();
    }

    @PreDestroy
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
