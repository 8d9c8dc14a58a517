package io.tideway.query.jobs;

import io.tideway.query.config.KafkaClients;
import io.tideway.query.config.TopicSetup;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The API's transactional producer: publishes a set of records all or nothing, one caller at a time. A producer
 * broken by a failed transaction is replaced on the next call.
 */
@Context
public class ApiPublisher implements AutoCloseable {

    private final KafkaClients kafka;
    private KafkaProducer<String, byte[]> producer;

    /** Starts the transactional producer at once, so the first job/issue does not wait for it. */
    public ApiPublisher(KafkaClients kafka, TopicSetup topicsReady) {
        this.kafka = kafka;
        producer();
    }

    /** Publishes the records in one transaction and returns where each landed. */
    public synchronized List<RecordMetadata> publish(String what, List<ProducerRecord<String, byte[]>> records) {
        KafkaProducer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(p.send(record));
            }
            p.commitTransaction();
            List<RecordMetadata> landed = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                landed.add(f.get());
            }
            return landed;
        } catch (KafkaException e) {
            discard(p);
            throw new IllegalStateException("Cannot publish " + what + " on Kafka: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish " + what + " on Kafka: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + what, e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(kafka.transactionalProducer("tideway-query-api"));
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw new IllegalStateException("Cannot start a Kafka transaction at " + kafka.bootstrapServers()
                        + ": " + e.getMessage(), e);
            }
            producer = created;
        }
        return producer;
    }

    /** After a failed transaction the producer may be unusable; its replacement aborts what is left open. */
    private void discard(KafkaProducer<String, byte[]> p) {
        try {
            p.close(Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // already broken; the replacement fences it
        }
        producer = null;
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
