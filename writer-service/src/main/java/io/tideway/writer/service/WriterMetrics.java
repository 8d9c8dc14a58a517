package io.tideway.writer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.tideway.writer.AttemptListener;
import io.tideway.writer.Receipt;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Turns what the writer runtime hears into Prometheus meters, each tagged with the writer's {@code scheme}:
 * deliveries by outcome, rows and bytes delivered, delivery latency (result header published → delivered) and attempt
 * duration, retries, dead letters, and the consumer's own Kafka metrics (its lag among them). Also remembers the
 * last successful delivery, for {@code /health}.
 */
@Singleton
public class WriterMetrics implements AttemptListener, AutoCloseable {

    private final MeterRegistry registry;
    private final String scheme;
    private final Counter delivered;
    private final Counter failed;
    private final Counter rows;
    private final Counter bytes;
    private final Counter retries;
    private final Counter deadLetters;
    private final Timer latency;
    private final Timer attemptDuration;
    private final Map<Consumer<?, ?>, KafkaClientMetrics> consumerMetrics = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastDelivery = new AtomicReference<>();

    public WriterMetrics(MeterRegistry registry, @Property(name = WriterService.SCHEME_PROPERTY) @Nullable String scheme) {
        this.registry = registry;
        this.scheme = scheme == null ? "unknown" : scheme;
        this.delivered = deliveries("delivered");
        this.failed = deliveries("failed");
        this.rows = Counter.builder("tideway.delivered.rows").description("Rows delivered to destinations")
                .tag("scheme", this.scheme).register(registry);
        this.bytes = Counter.builder("tideway.delivered.bytes").description("Bytes written to destinations")
                .baseUnit("bytes").tag("scheme", this.scheme).register(registry);
        this.retries = Counter.builder("tideway.delivery.retries").description("Delivery attempts that failed "
                + "transiently and were scheduled for a retry").tag("scheme", this.scheme).register(registry);
        this.deadLetters = Counter.builder("tideway.dead.letters").description("Undecodable result records sent to "
                + "the dead-letter topic").tag("scheme", this.scheme).register(registry);
        this.latency = Timer.builder("tideway.delivery.latency").description("From the start of the publication of "
                + "a job's result to its delivery, retries included").tag("scheme", this.scheme).register(registry);
        this.attemptDuration = Timer.builder("tideway.delivery.attempt.duration").description("Duration of the "
                + "attempt that delivered a job").tag("scheme", this.scheme).register(registry);
    }

    private Counter deliveries(String outcome) {
        return Counter.builder("tideway.deliveries").description("Jobs whose delivery ended, by outcome")
                .tag("scheme", scheme).tag("outcome", outcome).register(registry);
    }

    /** When this instance last delivered a job; empty before its first delivery. */
    public Instant lastDelivery() {
        return lastDelivery.get();
    }

    @Override
    public void retryScheduled(String jobId, int failedAttempts, Instant failedAt, Duration delay) {
        retries.increment();
    }

    @Override
    public void delivered(String jobId, Receipt receipt, int attempt, Duration attemptTime, Duration sincePublished) {
        delivered.increment();
        rows.increment(receipt.rows());
        bytes.increment(receipt.bytes());
        latency.record(sincePublished);
        attemptDuration.record(attemptTime);
        lastDelivery.set(Instant.now());
    }

    @Override
    public void gaveUp(String jobId, int attempts) {
        failed.increment();
    }

    @Override
    public void deadLettered(String topic) {
        deadLetters.increment();
    }

    @Override
    public void consumerCreated(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        consumerMetrics.put(consumer, metrics);
    }

    @Override
    public void consumerClosed(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = consumerMetrics.remove(consumer);
        if (metrics != null) {
            metrics.close();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        consumerMetrics.values().forEach(KafkaClientMetrics::close);
        consumerMetrics.clear();
    }
}
