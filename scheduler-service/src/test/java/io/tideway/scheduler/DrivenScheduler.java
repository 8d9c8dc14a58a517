package io.tideway.scheduler;

import io.tideway.scheduling.CatchUp;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The scheduler's topology in a {@link TopologyTestDriver}, with a wall clock the test moves. */
final class DrivenScheduler implements AutoCloseable {

    static final Duration TICK_INTERVAL = Duration.ofMillis(250);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ScheduleDefinition> schedules;
    private final TestOutputTopic<String, JobRequest> jobs;
    private final TestOutputTopic<String, JobEvent> events;
    private Instant now;

    DrivenScheduler(CatchUp catchUp, Instant start) {
        this(catchUp, start, SchedulerClock.WALL);
    }

    /** With the schedules' time read from {@code clock} (the wall clock being the one this driver moves). */
    DrivenScheduler(CatchUp catchUp, Instant start, SchedulerClock clock) {
        Properties props;
        try {
            props = SchedulerTopology.config("scheduler-test", "unused:9092",
                    Files.createTempDirectory("scheduler-ttd").toString(), 1, "scheduler-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.driver = new TopologyTestDriver(SchedulerTopology.build(catchUp, TICK_INTERVAL, "scheduler-test",
                clock),
                props, start);
        this.now = start;
        this.schedules = driver.createInputTopic(Topics.SCHEDULES, Serdes.String().serializer(),
                Topics.SCHEDULE_SERDE.serializer());
        this.jobs = driver.createOutputTopic(Topics.JOBS, Serdes.String().deserializer(),
                Topics.JOB_REQUEST_SERDE.deserializer());
        this.events = driver.createOutputTopic(Topics.JOB_EVENTS, Serdes.String().deserializer(),
                Topics.JOB_EVENT_SERDE.deserializer());
    }

    /** Publishes (or updates) the schedule, stamped with the current wall-clock time. */
    void publish(ScheduleDefinition definition) {
        schedules.pipeInput(key(definition), definition, now);
    }

    void delete(ScheduleDefinition definition) {
        schedules.pipeInput(key(definition), null, now);
    }

    /** Moves the wall clock to {@code time}, running the punctuation once there (as a stopped scheduler would). */
    void jumpTo(Instant time) {
        driver.advanceWallClockTime(Duration.between(now, time));
        now = time;
    }

    /** Moves the wall clock to {@code time} one tick interval at a time, as a running scheduler sees it. */
    void runUntil(Instant time) {
        while (now.isBefore(time)) {
            Instant next = now.plus(TICK_INTERVAL).isAfter(time) ? time : now.plus(TICK_INTERVAL);
            jumpTo(next);
        }
    }

    Instant now() {
        return now;
    }

    /** The job requests published since the last call. */
    List<KeyValue<String, JobRequest>> newJobs() {
        return jobs.readKeyValuesToList();
    }

    List<KeyValue<String, JobEvent>> newEvents() {
        return events.readKeyValuesToList();
    }

    static String key(ScheduleDefinition definition) {
        return definition.getAccountId() + "/" + definition.getName();
    }

    @Override
    public void close() {
        driver.close();
    }
}
