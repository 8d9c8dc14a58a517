package io.tideway.testing;

import io.tideway.destination.DestinationUrl;
import io.tideway.destination.SecretBox;
import io.tideway.schemas.Destination;
import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultHeader;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.RowBatch;
import io.tideway.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes job results the way the query service does: header, row batches, end marker, in one Kafka
 * transaction, the destination URL masked and sealed. Also publishes what a test needs to go wrong: a result
 * whose transaction is aborted, raw bytes that are no result at all, the pieces of a job one by one.
 */
public final class ResultPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final SecretBox secrets;

    public ResultPublisher(String bootstrapServers, String secretKey) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-results-" + UUID.randomUUID());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
        this.secrets = SecretBox.fromBase64Key(secretKey);
    }

    /** Publishes a whole job in one committed transaction, {@code rowsPerBatch} rows a batch. */
    public void publish(Target target, String jobId, String url, List<String> columns, List<List<Object>> rows,
                        int rowsPerBatch) {
        producer.beginTransaction();
        sendJob(target, jobId, url, columns, rows, rowsPerBatch);
        producer.commitTransaction();
    }

    /** Publishes a whole job in a transaction that is then aborted: no reader of committed records sees it. */
    public void publishAborted(Target target, String jobId, String url, List<String> columns,
                               List<List<Object>> rows, int rowsPerBatch) {
        producer.beginTransaction();
        sendJob(target, jobId, url, columns, rows, rowsPerBatch);
        producer.flush();
        producer.abortTransaction();
    }

    /** Publishes raw bytes, keyed by {@code key}, in one committed transaction. */
    public void publishRaw(Target target, String key, byte[] value) {
        producer.beginTransaction();
        producer.send(record(target, key, value));
        producer.commitTransaction();
    }

    /** Opens a transaction for {@link #send} calls; end it with {@link #commit()}. */
    public void begin() {
        producer.beginTransaction();
    }

    public void send(Target target, ResultMessage message) {
        producer.send(record(target, message.getJobId(), Topics.RESULT_SERDE.encode(message)));
    }

    public void commit() {
        producer.commitTransaction();
    }

    /** Publishes a whole job with typed columns in one committed transaction, {@code rowsPerBatch} rows a batch. */
    public void publish(Target target, String jobId, String url, List<String> columns, List<String> types,
                        List<List<Object>> rows, int rowsPerBatch) {
        producer.beginTransaction();
        sendJob(target, header(jobId, url, columns, types), rows, rowsPerBatch);
        producer.commitTransaction();
    }

    /** A header whose columns are all of type string. */
    public ResultMessage header(String jobId, String url, List<String> columns) {
        return header(jobId, url, columns, columns.stream().map(c -> "string").toList());
    }

    public ResultMessage header(String jobId, String url, List<String> columns, List<String> types) {
        DestinationUrl parsed = DestinationUrl.parse(url);
        Destination destination = new Destination(parsed.scheme(), parsed.masked(), secrets.seal(url));
        return new ResultMessage(jobId, new ResultHeader("account-1", columns, types, destination));
    }

    public static ResultMessage batch(String jobId, int sequence, List<List<Object>> rows) {
        return new ResultMessage(jobId, new RowBatch(sequence, rows));
    }

    public static ResultMessage end(String jobId, long rows, int batches) {
        return new ResultMessage(jobId, new ResultEnd(rows, batches));
    }

    private void sendJob(Target target, String jobId, String url, List<String> columns, List<List<Object>> rows,
                         int rowsPerBatch) {
        sendJob(target, header(jobId, url, columns), rows, rowsPerBatch);
    }

    private void sendJob(Target target, ResultMessage header, List<List<Object>> rows, int rowsPerBatch) {
        String jobId = header.getJobId();
        send(target, header);
        int batches = 0;
        for (int from = 0; from < rows.size(); from += rowsPerBatch) {
            List<List<Object>> slice = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + rowsPerBatch)));
            send(target, batch(jobId, batches++, slice));
        }
        send(target, end(jobId, rows.size(), batches));
    }

    private static ProducerRecord<byte[], byte[]> record(Target target, String key, byte[] value) {
        return new ProducerRecord<>(target.topic(), target.partition(), key.getBytes(StandardCharsets.UTF_8), value);
    }

    @Override
    public void close() {
        producer.close();
    }

    /** A topic, and a partition of it or {@code null} to let the key choose, as the query service does. */
    public record Target(String topic, Integer partition) {

        public static Target topic(String topic) {
            return new Target(topic, null);
        }

        public static Target partition(String topic, int partition) {
            return new Target(topic, partition);
        }
    }
}
