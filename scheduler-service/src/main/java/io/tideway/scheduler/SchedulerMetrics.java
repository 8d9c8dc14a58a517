package io.tideway.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The scheduler on Prometheus: {@code tideway.schedule.ticks} (ticks fired, tagged {@code catch_up}) and the Kafka
 * Streams client's own metrics (its consumer's lag on the schedules topic among them). Without a meter registry
 * (metrics switched off) it counts nothing.
 */
@Singleton
public class SchedulerMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final TickListener ticks;
    private KafkaStreamsMetrics streamsMetrics;

    public SchedulerMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            this.ticks = TickListener.NONE;
        } else {
            Counter onTime = ticks(registry, false);
            Counter caughtUp = ticks(registry, true);
            this.ticks = catchUp -> (catchUp ? caughtUp : onTime).increment();
        }
    }

    private static Counter ticks(MeterRegistry registry, boolean catchUp) {
        return Counter.builder("tideway.schedule.ticks").description("Schedule ticks fired (each one a job)")
                .tag("catch_up", String.valueOf(catchUp)).register(registry);
    }

    TickListener ticks() {
        return ticks;
    }

    /** Binds the streams client's metrics, until {@link #close()}. */
    synchronized void bind(KafkaStreams streams) {
        if (registry != null && streamsMetrics == null) {
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
    }
}
