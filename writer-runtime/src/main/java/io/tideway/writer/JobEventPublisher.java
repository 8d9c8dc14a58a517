package io.tideway.writer;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes what the runtime reports: job events, keyed by job id, and dead letters. Each send calls back
 * {@code acked} once Kafka holds the record; only then may the runtime commit past what it reports. A send that
 * fails for good is handed to {@code onFailure}: the runtime cannot go on without reporting.
 */
final class JobEventPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String worker;
    private final Consumer<Exception> onFailure;

    JobEventPublisher(WriterConfig config, Consumer<Exception> onFailure) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-" + config.scheme() + "-writer-events");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.worker = config.instanceId();
        this.onFailure = onFailure;
    }

    void delivered(OpenJob job, Receipt receipt, Runnable acked) {
        send(event(job, JobEventType.DELIVERED).setRows(receipt.rows()).setBytes(receipt.bytes())
                .setDroppedRows(receipt.droppedRows()).build(), acked);
    }

    void retrying(OpenJob job, String error, int attempts, Runnable acked) {
        send(event(job, JobEventType.DELIVERY_RETRYING).setError(error).setAttempts(attempts).build(), acked);
    }

    void failed(OpenJob job, String error, int attempts, Runnable acked) {
        send(event(job, JobEventType.DELIVERY_FAILED).setError(error).setAttempts(attempts).build(), acked);
    }

    void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception why, Runnable acked) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTERS, record.key(), record.value());
        letter.headers()
                .add(DeadLetters.TOPIC_HEADER, utf8(record.topic()))
                .add(DeadLetters.PARTITION_HEADER, utf8(String.valueOf(record.partition())))
                .add(DeadLetters.OFFSET_HEADER, utf8(String.valueOf(record.offset())))
                .add(DeadLetters.EXCEPTION_HEADER, utf8(String.valueOf(why.getMessage())))
                .add(DeadLetters.WORKER_HEADER, utf8(worker));
        producer.send(letter, (metadata, e) -> done(e, acked));
    }

    /** Waits until every record sent so far is acknowledged or has failed. */
    void flush() {
        producer.flush();
    }

    private JobEvent.Builder event(OpenJob job, JobEventType type) {
        return JobEvent.newBuilder().setJobId(job.jobId()).setAccountId(job.accountId()).setType(type)
                .setTime(Instant.now()).setDestination(job.maskedUrl()).setWorker(worker);
    }

    private void send(JobEvent event, Runnable acked) {
        producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, utf8(event.getJobId()),
                Topics.JOB_EVENT_SERDE.encode(event)), (metadata, e) -> done(e, acked));
    }

    private void done(Exception e, Runnable acked) {
        if (e == null) {
            acked.run();
        } else {
            onFailure.accept(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
