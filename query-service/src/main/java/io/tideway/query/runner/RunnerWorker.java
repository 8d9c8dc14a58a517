package io.tideway.query.runner;

import io.tideway.query.config.KafkaClients;
import io.tideway.query.jobs.JobEvents;
import io.tideway.query.jobs.JobStatus;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.query.results.StoredResults;
import io.tideway.query.warehouse.Column;
import io.tideway.query.warehouse.QueryEngines;
import io.tideway.query.warehouse.QueryFailedException;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runner thread: its own consumer in the runner group and its own transactional producer. For each job it
 * publishes RUNNING in a small transaction of its own (so the status shows while the query runs), then, in one
 * transaction, the whole result, the QUERY_FINISHED event and the consumer offset. A query the engine fails ends
 * in a new transaction with QUERY_FAILED and the offset; a killed job with KILLED and the offset. If the process
 * dies mid-job the transaction never commits, nothing of it becomes visible, and the job runs again.
 */
final class RunnerWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerWorker.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Leaves a margin below the transaction timeout for the last batches, the event and the commit. */
    private static final Duration PUBLISH_LIMIT = Duration.ofMillis(KafkaClients.TRANSACTION_TIMEOUT_MS).minusMinutes(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final QueryEngines engines;
    private final JobStatusView view;
    private final StoredResults storedResults;
    private final int batchBytes;
    private final String worker;
    private volatile boolean running = true;

    RunnerWorker(Properties consumerProps, Properties producerProps, QueryEngines engines, JobStatusView view,
                 StoredResults storedResults, int batchBytes, String worker) {
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.producer = new KafkaProducer<>(producerProps);
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
        }
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
            deadLetter(record, e);
            return;
        }
        if (isKilled(request.getJobId())) {
            inTransaction(record, null);
            LOG.info("Job {} was killed before it ran", request.getJobId());
            return;
        }
        runJob(record, request);
    }

    private void runJob(ConsumerRecord<String, byte[]> record, JobRequest request) {
        String jobId = request.getJobId();
        inTransaction(null, JobEvents.running(request, worker));
        ResultTarget target = request.getDestination() == null
                ? new StoredResultTarget(storedResults, jobId)
                : new KafkaResultTarget(producer, jobId, request.getAccountId(), request.getDestination());
        ResultBatcher batcher = new ResultBatcher(jobId, target, batchBytes, () -> stopIfAsked(jobId), PUBLISH_LIMIT);
        long started = System.nanoTime();
        LOG.info("Job {} running on database {}, result to {}", jobId, request.getDatabase(), target.describe());
        producer.beginTransaction();
        try {
            engines.forAccount(request.getAccountId()).run(request.getDatabase(), request.getQuery(), batcher);
            batcher.finish();
            stopIfAsked(jobId);
            send(JobEvents.queryFinished(request, batcher.rowCount(),
                    batcher.columns().stream().map(Column::name).toList(),
                    batcher.columns().stream().map(Column::tdType).toList(), worker));
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

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        LOG.warn("Job request at {}-{}@{} is undecodable, moved to {}: {}", record.topic(), record.partition(),
                record.offset(), Topics.DEAD_LETTERS, e.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add("tideway.source.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("tideway.source.partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("tideway.source.offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add("tideway.error", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(), record.value(), headers));
        commitWithOffset(record);
    }
}
