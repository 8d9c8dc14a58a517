package io.tideway.writer;

import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultHeader;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A retry of one job: re-reads the job's records from Kafka with a consumer of its own, assigned to the job's
 * partition from the job's header, and delivers them as a new attempt. Kafka is the buffer: no job is held in
 * memory between attempts. Runs on a retry thread, never on the consumer thread.
 */
final class JobReplay {

    /** What a replay ends with: a receipt, or a failure; nothing when the job was cancelled. */
    interface Outcome {
        void delivered(Receipt receipt);

        void failed(DeliveryException e);
    }

    private final WriterConfig config;
    private final Destination destination;
    private final DeliveryRequests requests;

    JobReplay(WriterConfig config, Destination destination, DeliveryRequests requests) {
        this.config = config;
        this.destination = destination;
        this.requests = requests;
    }

    void run(OpenJob job, Outcome outcome) {
        Attempt attempt = null;
        try (KafkaConsumer<byte[], byte[]> reader = reader(job)) {
            reader.assign(List.of(job.topicPartition()));
            reader.seek(job.topicPartition(), job.headerOffset());
            while (!job.cancelled()) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(config.pollTimeout())) {
                    ResultRecord message = decodeOrNull(record.value());
                    if (job.cancelled() || message == null || !job.jobId().equals(message.jobId())) {
                        continue;
                    }
                    Object body = message.body();
                    if (body instanceof ResultHeader && record.offset() == job.headerOffset()) {
                        attempt = Attempt.open(destination, requests.forJob(job));
                    } else if (attempt != null && message.isBatch()) {
                        attempt.write(message);
                    } else if (attempt != null && body instanceof ResultEnd end) {
                        Receipt receipt = attempt.finish(end);
                        attempt = null;
                        outcome.delivered(receipt);
                        return;
                    }
                }
            }
        } catch (DeliveryException e) {
            outcome.failed(e);
        } catch (KafkaException e) {
            outcome.failed(DeliveryException.retriable("Cannot re-read " + job + " from Kafka to retry it: "
                    + e.getMessage(), e));
        } finally {
            if (attempt != null) {
                attempt.abort();
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> reader(OpenJob job) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-retry-" + job.jobId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(config.fetchMaxBytes()));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(config.maxPartitionFetchBytes()));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.maxPollRecords()));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ResultRecord decodeOrNull(byte[] value) {
        try {
            return ResultRecord.read(value);
        } catch (RuntimeException e) {
            return null; // a dead letter, already reported by the consumer thread
        }
    }
}
