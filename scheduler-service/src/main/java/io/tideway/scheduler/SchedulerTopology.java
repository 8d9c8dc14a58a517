package io.tideway.scheduler;

import io.tideway.scheduling.CatchUp;
import io.tideway.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.Stores;

/**
 * The scheduler's Kafka Streams topology: schedules topic → {@link ScheduleProcessor} (with its definitions and
 * positions stores) → the jobs and job-events topics; and the Streams settings it runs with (exactly-once v2).
 */
public final class SchedulerTopology {

    /** How long the stream thread waits in poll when there is nothing to read, in ms. */
    static final long POLL_MS = 10;

    private SchedulerTopology() {
    }

    /**
     * The topology; {@code worker} names this instance on the QUEUED events it publishes; {@code clock} is the time
     * ticks are due by (the wall clock but in tests).
     */
    static Topology build(CatchUp catchUp, Duration tickInterval, String worker, SchedulerClock clock) {
        return build(catchUp, tickInterval, worker, clock, TickListener.NONE);
    }

    /** The topology, telling {@code ticks} of each tick it fires. */
    static Topology build(CatchUp catchUp, Duration tickInterval, String worker, SchedulerClock clock,
                          TickListener ticks) {
        Topology topology = new Topology();
        topology.addSource("schedules", Serdes.String().deserializer(), Topics.SCHEDULE_SERDE.deserializer(),
                Topics.SCHEDULES);
        topology.addProcessor("scheduler", () -> new ScheduleProcessor(catchUp, tickInterval, worker, clock, ticks),
                "schedules");
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ScheduleProcessor.DEFINITIONS_STORE), Serdes.String(),
                Topics.SCHEDULE_SERDE), "scheduler");
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ScheduleProcessor.POSITIONS_STORE), Serdes.String(), Serdes.Long()),
                "scheduler");
        topology.addSink(ScheduleProcessor.JOBS_SINK, Topics.JOBS, Serdes.String().serializer(),
                Topics.JOB_REQUEST_SERDE.serializer(), "scheduler");
        topology.addSink(ScheduleProcessor.JOB_EVENTS_SINK, Topics.JOB_EVENTS, Serdes.String().serializer(),
                Topics.JOB_EVENT_SERDE.serializer(), "scheduler");
        return topology;
    }

    /**
     * Streams settings: exactly-once v2 (a tick's job, event and position are one transaction), the state directory,
     * the replication factor of the changelog topics, and undecodable schedule records sent to the dead-letters topic
     * instead of stopping every schedule.
     */
    public static Properties config(String applicationId, String bootstrapServers, String stateDir,
                                    int replicationFactor, String clientId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTERS);
        // The stream thread punctuates between polls, so an idle thread blocked in a 100 ms poll (the default) would
        // let a due tick wait that long: poll briefly.
        props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        // Ticks leave in bursts (10,000 schedules due at one second are 20,000 records and 10,000 position updates):
        // large lz4-compressed batches, sent without waiting (the commit that follows a burst flushes them anyway).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A transaction begun while the broker still writes the last one's markers is answered
        // CONCURRENT_TRANSACTIONS and retried after the backoff: the default (100 ms growing to 1 s) would hold a burst
        // of ticks back for that long, so retry sooner.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 200);
        return props;
    }

    /**
     * The settings' commit interval, and the session and transaction timeouts where given: together they bound how
     * soon fired ticks are readable and how soon a killed instance's schedules move to another.
     */
    static Properties config(SchedulerSettings settings, String bootstrapServers, String clientId) {
        Properties props = config(settings.applicationId(), bootstrapServers, settings.stateDir(),
                settings.replicationFactor(), clientId);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        if (settings.sessionTimeout() != null) {
            long session = settings.sessionTimeout().toMillis();
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                    (int) Math.max(100, session / 4));
        }
        if (settings.transactionTimeout() != null) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                    (int) settings.transactionTimeout().toMillis());
        }
        return props;
    }
}
