package io.tideway.scheduler;

import io.micronaut.context.annotation.Context;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduler's Kafka Streams application from start to shutdown: creates the topics if missing, logs the
 * resolved settings once, starts the streams, and closes them at shutdown. Instances with the same application id
 * share the schedules by Kafka's group protocol: each partition of the schedules topic, so each schedule, is
 * scheduled by exactly one instance at a time.
 */
@Context
public class SchedulerService {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final TopicSettings topics;
    private final SchedulerSettings settings;
    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private final SchedulerMetrics metrics;

    public SchedulerService(KafkaSettings kafka, TopicSettings topics, SchedulerSettings settings,
                            InstanceSettings instance, SchedulerMetrics metrics) {
        this.metrics = metrics;
        this.kafka = kafka;
        this.topics = topics;
        this.settings = settings;
        String worker = "scheduler-" + instance.instanceId();
        SchedulerClock clock = settings.clock();
        this.streams = new KafkaStreams(
                SchedulerTopology.build(settings.catchUpPolicy(), settings.tickInterval(), worker, clock,
                        metrics.ticks()),
                SchedulerTopology.config(settings, kafka.bootstrapServers(),
                        settings.applicationId() + "-" + instance.instanceId()));
        if (!clock.isWall()) {
            LOG.warn("The schedules' clock is not the wall clock but {}: ticks fire early and fast (a test setting)",
                    clock);
        }
        LOG.info("scheduler settings: kafka.bootstrap-servers={}, topics.partitions={}, instance-id={}, {}",
                kafka.bootstrapServers(), topics.partitions(), instance.instanceId(), settings);
    }

    @PostConstruct
    void start() {
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all(topics.partitions()),
                settings.replicationFactor().shortValue());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("The scheduler stopped on an error; /health is DOWN until it is restarted", e);
            failure.set(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("Scheduler streams {} -> {}", before, now));
        metrics.bind(streams);
        streams.start();
    }

    /** The settings it runs with. */
    public SchedulerSettings settings() {
        return settings;
    }

    /** The state of the streams: RUNNING when it schedules. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Why the scheduler is not running, or null while it is. */
    public String problem() {
        Throwable e = failure.get();
        if (e != null) {
            return e.getMessage();
        }
        return streams.state() == KafkaStreams.State.RUNNING ? null : "the scheduler is " + streams.state();
    }

    /**
     * Stops scheduling and leaves the group at once, so another instance (or this one, restarted) takes the
     * schedules over from the last committed ticks without waiting out the session timeout.
     */
    @PreDestroy
    public void stop() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    }
}
