package io.tideway.query.runner;

import io.tideway.destination.InvalidDestinationException;
import io.tideway.query.config.KafkaClients;
import io.tideway.query.external.ExternalJobs;
import io.tideway.query.external.Refusal;
import io.tideway.query.jobs.JobEvents;
import io.tideway.query.jobs.JobStatus;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.query.results.StoredResults;
import io.tideway.query.savedresults.SavedResultException;
import io.tideway.query.warehouse.Column;
import io.tideway.query.warehouse.QueryEngines;
import io.tideway.query.warehouse.QueryFailedException;
import io.tideway.schemas.DeadLetterHeaders;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One runner thread: its own consumer in the runner group and its own transactional producer. For each job it
 * publishes RUNNING in a small transaction of its own (so the status shows while the query runs), then, in one
 * transaction, the whole result, the QUERY_FINISHED event and the consumer offset. A query the engine fails ends
 * in a new transaction with QUERY_FAILED and the offset; a killed job with KILLED and the offset. If the process
 * dies mid-job the transaction never commits, nothing of it becomes visible, and the job runs again.
 *
 * <p>A request whose job has already finished (the same id requested again: a scheduler fired a tick twice in a
 * failover) is dropped without running; a job that started but never finished (its worker died) runs again, up to
 * {@link #MAX_STARTS} starts in all, after which it fails with the reason. A saved destination is resolved as it is
 * when the job runs; a name that no longer exists fails the job; a same-account table gets this instance's endpoint
 * ({@link JobDestinations}).
 * {@code TD_SCHEDULED_TIME()} is the request's scheduled time, or for a job without one its request time.
 *
 * <p>A request that cannot be decoded, or another system's job that cannot be trusted to be its account's, goes to
 * the dead-letter topic; another system's job that cannot run ends as an error job ({@link ExternalJobs}).
 */
final class RunnerWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerWorker.class);
    /** The key of the job's id in the logging context (SLF4J MDC), the same in every service. */
    static final String JOB_ID = "job_id";
    private static final Duration POLL = Duration.ofMillis(500);
    /** Leaves a margin below the transaction timeout for the last batches, the event and the commit. */
    private static final Duration PUBLISH_LIMIT = Duration.ofMillis(KafkaClients.TRANSACTION_TIMEOUT_MS).minusMinutes(1);
    private static final Duration VIEW_CATCH_UP = Duration.ofSeconds(30);
    /**
     * A job started this often without finishing is one that keeps killing the service (or a service that keeps
     * being stopped under it): it fails with the reason rather than running, and staying `running`, forever.
     */
    static final int MAX_STARTS = 3;

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final QueryEngines engines;
    private final JobStatusView view;
    private final StoredResults storedResults;
    private final int batchBytes;
    private final String worker;
    private final JobDestinations destinations;
    private final ExternalJobs externalJobs;
    /** Reads job-events' high watermarks (uncommitted), for {@link #isRepeat}. */
    private final KafkaConsumer<String, byte[]> endOffsets;
    private Integer jobEventPartitions;
    private final ResultPartitions resultPartitions;
    private volatile boolean running = true;

    RunnerWorker(Properties consumerProps, Properties producerProps, QueryEngines engines, JobStatusView view,
                 StoredResults storedResults, int batchBytes, String worker, JobDestinations destinations,
                 ExternalJobs externalJobs) {
        this.destinations = destinations;
        this.externalJobs = externalJobs;
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.endOffsets = new KafkaConsumer<>(endOffsetsProps(consumerProps));
        this.producer = new KafkaProducer<>(producerProps);
        this.resultPartitions = new ResultPartitions(topic -> producer.partitionsFor(topic).size());
        this.engines = engines;
        this.view = view;
        this.storedResults = storedResults;
        this.batchBytes = batchBytes;
        this.worker = worker;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(java.util.List.of(Topics.JOBS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            producer.close(Duration.ofSeconds(5));
            consumer.close(Duration.ofSeconds(5));
            endOffsets.close(Duration.ofSeconds(5));
        }
    }

    private static Properties endOffsetsProps(Properties consumerProps) {
        Properties p = new Properties();
        p.putAll(consumerProps);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, consumerProps.getProperty(ConsumerConfig.CLIENT_ID_CONFIG) + "-ends");
        return p;
    }

    /** Its consumer of the jobs topic, for binding the consumer's metrics (thread-safe); not to be polled. */
    KafkaConsumer<String, byte[]> consumer() {
        return consumer;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        JobRequest request;
        try {
            request = Topics.JOB_REQUEST_SERDE.decode(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, "Undecodable job request: " + e.getMessage());
            return;
        }
        Optional<Refusal> refusal = externalJobs.check(request);
        if (refusal.isPresent()) {
            refuse(record, request, refusal.get());
            return;
        }
        // every line logged while handling the job, on this thread, names it; cleared before the next record
        try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, request.getJobId())) {
            handle(record, request);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, JobRequest request) {
        if (isKilled(request.getJobId())) {
            inTransaction(record, null);
            LOG.info("Job {} was killed before it ran", request.getJobId());
            return;
        }
        if (isRepeat(request.getJobId())) {
            inTransaction(record, null);
            LOG.info("Job {} requested again at {}-{}@{} after it finished: the repeat is dropped", request.getJobId(),
                    record.topic(), record.partition(), record.offset());
            return;
        }
        if (view.starts(request.getJobId()) >= MAX_STARTS) {
            String why = "The query service stopped " + view.starts(request.getJobId()) + " times while running this "
                    + "job, which ran again after each; it is not run again (the query may need more memory than the "
                    + "service has): change the query or give the service more memory, and submit it again";
            LOG.warn("Job {} failed: {}", request.getJobId(), why);
            inTransaction(record, JobEvents.queryFailed(request, why, worker));
            return;
        }
        JobRequest resolved = withDestination(record, request);
        if (resolved != null) {
            runJob(record, resolved);
        }
    }

    /**
     * Whether the job already finished. Requests of one id share a partition and run in order, and each outcome is
     * committed with its request's offset; so once the view has read the job's job-events partition up to its high
     * watermark (past any transaction still writing its markers), a finished job here is a repeated request. A
     * started job that never finished is one whose worker died: it runs.
     */
    private boolean isRepeat(String jobId) {
        if (isFinished(jobId)) {
            return true;
        }
        TopicPartition partition = jobEventsPartition(jobId);
        long end = endOffsets.endOffsets(List.of(partition)).get(partition);
        if (!view.awaitPositions(Map.of(partition, end), VIEW_CATCH_UP)) {
            LOG.warn("The job-status view is behind {} by more than {}; job {} runs as new", partition, VIEW_CATCH_UP,
                    jobId);
        }
        return isFinished(jobId);
    }

    /** Where the job's events are: keyed by job id, so the default partitioner's choice. */
    private TopicPartition jobEventsPartition(String jobId) {
        if (jobEventPartitions == null) {
            jobEventPartitions = endOffsets.partitionsFor(Topics.JOB_EVENTS).size();
        }
        byte[] key = jobId.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(Topics.JOB_EVENTS, Utils.toPositive(Utils.murmur2(key)) % jobEventPartitions);
    }

    /** Finished, or its query finished and the result is on its way to the destination. */
    private boolean isFinished(String jobId) {
        return view.find(jobId).map(j -> j.status().isFinished() || j.numRecords() != null).orElse(false);
    }

    /** The request with its destination as it is delivered now; null when it has none, and the job has failed. */
    private JobRequest withDestination(ConsumerRecord<String, byte[]> record, JobRequest request) {
        try {
            return JobRequest.newBuilder(request).setDestination(destinations.forRun(request)).build();
        } catch (SavedResultException | InvalidDestinationException e) {
            LOG.info("Job {} failed: {}", request.getJobId(), e.getMessage());
            failUnrun(record, request, e.getMessage());
            return null;
        }
    }

    /** What {@code TD_SCHEDULED_TIME()} returns: the scheduled time, or for an API job the time it was requested. */
    private static Instant scheduledTime(JobRequest request) {
        return request.getScheduledTime() != null ? request.getScheduledTime() : request.getRequestedAt();
    }

    private void runJob(ConsumerRecord<String, byte[]> record, JobRequest request) {
        String jobId = request.getJobId();
        inTransaction(null, JobEvents.running(request, worker));
        ResultTarget target = request.getDestination() == null
                ? new StoredResultTarget(storedResults, jobId)
                : new KafkaResultTarget(producer, jobId, request.getAccountId(), request.getDestination(),
                        resultPartitions.partition(Topics.results(request.getDestination().getScheme()), jobId));
        ResultBatcher batcher = new ResultBatcher(jobId, target, batchBytes, () -> stopIfAsked(jobId), PUBLISH_LIMIT);
        long started = System.nanoTime();
        LOG.info("Job {} running on database {}, result to {}", jobId, request.getDatabase(), target.describe());
        producer.beginTransaction();
        try {
            engines.forAccount(request.getAccountId()).run(request.getDatabase(), request.getQuery(),
                    scheduledTime(request), batcher);
            Instant queryEnded = Instant.now();
            batcher.finish();
            producer.flush(); // the commit would flush anyway; flushing first puts the publish time in the event
            stopIfAsked(jobId);
            send(JobEvents.queryFinished(request, batcher.rowCount(),
                    batcher.columns().stream().map(Column::name).toList(),
                    batcher.columns().stream().map(Column::tdType).toList(), worker, queryEnded));
            commitWithOffset(record);
            LOG.info("Job {} finished: {} rows in {} batches to {} in {} ms", jobId, batcher.rowCount(),
                    batcher.batchCount(), target.describe(), (System.nanoTime() - started) / 1_000_000);
        } catch (WorkerStoppingException e) {
            abort(target);
            LOG.info("Job {} interrupted by shutdown; its partial result was discarded and it will run again", jobId);
        } catch (QueryFailedException e) {
            if (!running) {
                abort(target);
                LOG.info("Job {} interrupted by shutdown ({}); it will run again", jobId, e.getMessage());
                return;
            }
            abort(target);
            LOG.info("Job {} failed in the engine: {}", jobId, e.getMessage());
            inTransaction(record, JobEvents.queryFailed(request, e.getMessage(), worker));
        } catch (JobKilledException e) {
            abort(target);
            LOG.info("Job {} killed while running; its partial result was discarded", jobId);
            inTransaction(record, JobEvents.killed(jobId, request.getAccountId(), "Killed while running", worker));
        } catch (ResultTooSlowException e) {
            abort(target);
            LOG.warn("Job {} failed: {}", jobId, e.getMessage());
            inTransaction(record, JobEvents.queryFailed(request, e.getMessage(), worker));
        } catch (KafkaException e) {
            if (!isRecoverable(e)) {
                throw e;
            }
            abort(target);
            String why = "Publishing the result failed: " + describe(e);
            LOG.warn("Job {} failed: {}", jobId, why);
            inTransaction(record, JobEvents.queryFailed(request, why, worker));
        } catch (RuntimeException e) {
            abort(target);
            LOG.error("Job {} failed: {}", jobId, e.getMessage(), e);
            inTransaction(record, JobEvents.queryFailed(request, "Internal error: " + e.getMessage(), worker));
        }
    }

    /** A job whose result cannot be published fails; a fenced or broken producer stops the worker instead. */
    private static boolean isRecoverable(KafkaException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(KafkaException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return "a row is too large for one message (" + t.getMessage() + ")";
            }
        }
        return e.getMessage();
    }

    /** Between batches: a killed job stops for good, a job on a stopping worker stops to run again elsewhere. */
    private boolean stopIfAsked(String jobId) {
        if (!running) {
            throw new WorkerStoppingException();
        }
        if (isKilled(jobId)) {
            throw new JobKilledException(jobId);
        }
        return false;
    }

    private boolean isKilled(String jobId) {
        return view.find(jobId).map(j -> j.status() == JobStatus.KILLED).orElse(false);
    }

    private void abort(ResultTarget target) {
        producer.abortTransaction();
        target.discard();
    }

    /** Publishes one event and/or commits the record's offset, in a transaction of their own. */
    private void inTransaction(ConsumerRecord<String, byte[]> record, JobEvent event) {
        producer.beginTransaction();
        if (event != null) {
            send(event);
        }
        if (record != null) {
            commitWithOffset(record);
        } else {
            producer.commitTransaction();
        }
    }

    private void send(JobEvent event) {
        producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, event.getJobId(), Topics.JOB_EVENT_SERDE.encode(event)));
    }

    private void commitWithOffset(ConsumerRecord<String, byte[]> record) {
        producer.sendOffsetsToTransaction(
                Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                consumer.groupMetadata());
        producer.commitTransaction();
    }

    /** An untrusted job to the dead letters; an account's job that cannot run ends QUEUED, then QUERY_FAILED. */
    private void refuse(ConsumerRecord<String, byte[]> record, JobRequest request, Refusal refusal) {
        if (refusal.deadLetter()) {
            deadLetter(record, refusal.reason());
            return;
        }
        LOG.info("External job {} refused: {}", request.getJobId(), refusal.reason());
        failUnrun(record, request, refusal.reason());
    }

    /** Fails a job before it runs; another system's job, which nobody queued, is queued first so that it shows. */
    private void failUnrun(ConsumerRecord<String, byte[]> record, JobRequest request, String reason) {
        producer.beginTransaction();
        if (request.getOrigin() == JobOrigin.EXTERNAL) {
            send(JobEvents.queued(request, worker));
        }
        send(JobEvents.queryFailed(request, reason, worker));
        commitWithOffset(record);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warn("Job request at {}-{}@{} moved to {}: {}", record.topic(), record.partition(), record.offset(),
                Topics.DEAD_LETTERS, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.WORKER, worker.getBytes(StandardCharsets.UTF_8));
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(), record.value(), headers));
        commitWithOffset(record);
    }
}
