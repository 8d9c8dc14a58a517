package io.tideway.query.runner;

import io.tideway.query.config.KafkaClients;
import io.tideway.query.config.QuerySettings;
import io.tideway.query.jobs.JobEvents;
import io.tideway.query.jobs.JobState;
import io.tideway.query.jobs.JobStatus;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultHeader;
import io.tideway.schemas.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a job's result again without running its query: finds the job's last published result on its results
 * topic (kept there for the topic's retention, 7 days) and publishes a copy of it, header, batches and end, with a
 * RUNNING event, in one transaction. The writer reads a new header for the job and delivers it like any other
 * result; the RUNNING event reopens the job in the status view until the writer reports DELIVERED or
 * DELIVERY_FAILED. Only a job that ended {@code error} after its query finished (its delivery failed) can be re-run.
 *
 * <p>The search starts at the job's last RUNNING time (less a minute for clocks between instances), found through
 * the partition's time index, so it reads little more than the result itself. One re-run at a time per instance.
 */
@Singleton
public class ResultRerun implements AutoCloseable {

    /** Why a job cannot be re-run, in a sentence for the API. */
    public static final class RerunRefusedException extends RuntimeException {
        private final boolean gone;

        RerunRefusedException(String message, boolean gone) {
            super(message);
            this.gone = gone;
        }

        /** The job qualified, but its result is no longer on the topic. */
        public boolean gone() {
            return gone;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ResultRerun.class);
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Longest a re-run reads the topic looking for the result before it gives up. */
    private static final Duration SEARCH_LIMIT = Duration.ofMinutes(5);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final KafkaClients kafka;
    private final JobStatusView view;
    private final int batchBytes;
    private final String worker;
    private KafkaProducer<String, byte[]> producer;

    public ResultRerun(KafkaClients kafka, QuerySettings query, JobStatusView view) {
        this.kafka = kafka;
        this.view = view;
        this.batchBytes = query.batchBytes();
        this.worker = "query-service-" + kafka.instanceId() + " (rerun)";
    }

    /** Publishes the job's stored result again for delivery; returns the number of result messages copied. */
    public synchronized long rerun(JobState job) {
        if (job.status() != JobStatus.ERROR || !job.hasDestination() || job.numRecords() == null) {
            throw new RerunRefusedException("Job " + job.jobId() + " cannot be re-run: only a job whose query "
                    + "finished and whose delivery failed (status error) can be delivered again; this one is "
                    + job.status().apiName() + (job.numRecords() == null ? " without a result" : ""), false);
        }
        String topic = Topics.results(job.resultUrl().substring(0, job.resultUrl().indexOf("://")));
        KafkaProducer<String, byte[]> p = producer();
        TopicPartition partition = new TopicPartition(topic,
                ResultPartitions.partition(job.jobId(), p.partitionsFor(topic).size()));
        Instant from = (job.startAt() == null ? job.createdAt() : job.startAt()).minus(CLOCK_MARGIN);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
            p.beginTransaction();
            try {
                long copied = copy(consumer, partition, from, job.jobId(), p);
                // last, so the job-events partition (which the status view reads) is in the transaction briefly
                Future<RecordMetadata> event = p.send(new ProducerRecord<>(Topics.JOB_EVENTS, job.jobId(),
                        Topics.JOB_EVENT_SERDE.encode(JobEvents.runningAgain(job.jobId(), job.accountId(), worker))));
                p.commitTransaction();
                LOG.info("Job {}: its result ({} messages) was published again on {} for delivery", job.jobId(),
                        copied, partition);
                RecordMetadata running = event.get();
                view.awaitPast(new TopicPartition(running.topic(), running.partition()), running.offset(),
                        READ_YOUR_WRITES);
                return copied;
            } catch (RerunRefusedException | KafkaException e) {
                abort(p);
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("Cannot re-run job " + job.jobId() + ": " + e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while re-running job " + job.jobId(), e);
            }
        }
    }

    /** Copies the first complete result of the job at or after {@code from}; the records after it stay. */
    private long copy(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, Instant from, String jobId,
                      KafkaProducer<String, byte[]> p) {
        consumer.assign(List.of(partition));
        OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, from.toEpochMilli())).get(partition);
        // read_committed: the last stable offset, so an open transaction of another job does not hold the search
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        Instant deadline = Instant.now().plus(SEARCH_LIMIT);
        if (start == null) {
            throw gone(jobId, partition);
        }
        consumer.seek(partition, start.offset());
        long copied = 0;
        boolean inResult = false;
        while (consumer.position(partition) < end && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (!jobId.equals(record.key())) {
                    continue;
                }
                Object body = Topics.RESULT_SERDE.decode(record.value()).getBody();
                inResult |= body instanceof ResultHeader;
                if (inResult) {
                    p.send(new ProducerRecord<>(partition.topic(), partition.partition(), jobId, record.value()));
                    copied++;
                }
                if (inResult && body instanceof ResultEnd) {
                    return copied;
                }
            }
        }
        throw gone(jobId, partition);
    }

    private static RerunRefusedException gone(String jobId, TopicPartition partition) {
        return new RerunRefusedException("The result of job " + jobId + " is no longer on " + partition
                + " (results are kept for the topic's retention); submit the query again", true);
    }

    private Properties consumerProps() {
        Properties p = kafka.consumer(null);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-" + kafka.instanceId() + "-rerun");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(
                    kafka.resultsProducer("tideway-query-rerun", batchBytes));
            created.initTransactions();
            producer = created;
        }
        return producer;
    }

    /** A producer whose transaction failed may be unusable: the next re-run starts a new one (which fences it). */
    private void abort(KafkaProducer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (KafkaException e) {
            p.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
