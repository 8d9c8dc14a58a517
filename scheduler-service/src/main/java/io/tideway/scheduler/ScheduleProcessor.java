package io.tideway.scheduler;

import io.tideway.scheduling.CatchUp;
import io.tideway.scheduling.CatchUpPlan;
import io.tideway.scheduling.CronSchedule;
import io.tideway.scheduling.InvalidScheduleException;
import io.tideway.scheduling.Schedule;
import io.tideway.scheduling.ScheduledJobs;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of one partition of the schedules topic. Keeps each schedule's definition and the last tick it
 * handled (its <em>position</em>) in two state stores, and on a wall-clock punctuation fires every due tick: the
 * job request to {@code jobs} and its QUEUED event to {@code job-events}, keyed by the tick's derived job id, and
 * the new position to the store. Kafka Streams commits all three in one transaction (exactly-once), so a crash
 * either fires a tick and records it, or does neither, and the tick fires after the restart.
 *
 * <p>A new schedule starts counting ticks from its {@code createdAt}. A definition with another {@code version}
 * (an update) starts counting from the update (the record's time, at most now), so an edited cron does not fire a
 * backlog. A tombstone removes the schedule. Ticks whose run time passed while nothing fired them (the scheduler
 * was stopped) are handled by the {@link CatchUp} policy, and logged.
 */
final class ScheduleProcessor implements Processor<String, ScheduleDefinition, String, SpecificRecord> {

    static final String DEFINITIONS_STORE = "schedule-definitions";
    static final String POSITIONS_STORE = "schedule-positions";
    static final String JOBS_SINK = "jobs";
    static final String JOB_EVENTS_SINK = "job-events";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleProcessor.class);
    /** A punctuation that fires this many schedules, or takes this long, says so: the figures behind a late tick. */
    private static final int BUSY_TICKS = 1000;
    private static final long SLOW_MS = 250;

    /** A schedule with ticks: its definition, parsed schedule, position and next tick (null: none left). */
    private record Active(ScheduleDefinition definition, Schedule schedule, long position, Instant nextTick) {
    }

    private final CatchUp catchUp;
    private final Duration tickInterval;
    private final String worker;
    private final TickListener ticks;
    private final SchedulerClock clock;
    private final Map<String, Active> active = new HashMap<>();
    /** Parsed crons by expression and zone, shared by the schedules that use the same (and their memos). */
    private final Map<String, CronSchedule> crons = new HashMap<>();
    private final DueIndex due = new DueIndex();
    /** The wall-clock time of the punctuation firing now: the records' timestamps, whatever the schedules' clock. */
    private long firedAtWall;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ScheduleDefinition> definitions;
    private KeyValueStore<String, Long> positions;

    ScheduleProcessor(CatchUp catchUp, Duration tickInterval, String worker, SchedulerClock clock,
                      TickListener ticks) {
        this.ticks = ticks;
        this.catchUp = catchUp;
        this.clock = clock;
        this.tickInterval = tickInterval;
        this.worker = worker;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.definitions = context.getStateStore(DEFINITIONS_STORE);
        this.positions = context.getStateStore(POSITIONS_STORE);
        try (KeyValueIterator<String, ScheduleDefinition> all = definitions.all()) {
            while (all.hasNext()) {
                KeyValue<String, ScheduleDefinition> entry = all.next();
                Long position = positions.get(entry.key);
                activateStored(entry.key, entry.value, position == null ? createdAt(entry.value) : position);
            }
        }
        LOG.info("Task {}: {} schedule(s) loaded, {} with ticks; catch-up {}", context.taskId(), active.size(),
                due.size(), catchUp.name().toLowerCase());
        context.schedule(tickInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDue);
    }

    @Override
    public void process(Record<String, ScheduleDefinition> record) {
        String key = record.key();
        if (key == null) {
            LOG.warn("Ignored a schedule record without a key (schedules are keyed by accountId/name)");
            return;
        }
        if (record.value() == null) {
            remove(key);
            LOG.info("Schedule {} deleted", key);
            return;
        }
        ScheduleDefinition definition = record.value();
        Schedule schedule;
        try {
            schedule = parse(definition);
        } catch (InvalidScheduleException e) {
            remove(key);
            LOG.error("Schedule {} refused, it will not run until it is corrected: {}", key, e.getMessage());
            return;
        }
        long position = positionFor(key, definition, record.timestamp());
        definitions.put(key, definition);
        positions.put(key, position);
        activate(key, definition, schedule, position);
    }

    private Schedule parse(ScheduleDefinition definition) {
        String cron = definition.getCron() == null ? "" : definition.getCron().trim();
        CronSchedule parsed = crons.get(cron + "\n" + definition.getTimeZone());
        if (parsed == null) {
            parsed = CronSchedule.parse(cron, definition.getTimeZone());
            crons.put(cron + "\n" + definition.getTimeZone(), parsed);
        }
        return new Schedule(parsed, Duration.ofSeconds(definition.getDelaySeconds()));
    }

    /** A new schedule counts from its creation; an update (new version) from the update; a repeat keeps its place. */
    private long positionFor(String key, ScheduleDefinition definition, long recordTime) {
        ScheduleDefinition previous = definitions.get(key);
        Long position = positions.get(key);
        if (previous == null || position == null) {
            return createdAt(definition);
        }
        if (previous.getVersion() != definition.getVersion()) {
            long updatedAt = Math.min(clock.millis(recordTime), clock.millis(context.currentSystemTimeMs()));
            LOG.info("Schedule {} updated to version {}: counting ticks from {}", key, definition.getVersion(),
                    Instant.ofEpochMilli(Math.max(position, updatedAt)));
            return Math.max(position, updatedAt);
        }
        return position;
    }

    private void activateStored(String key, ScheduleDefinition definition, long position) {
        try {
            activate(key, definition, parse(definition), position);
        } catch (InvalidScheduleException e) {
            LOG.error("Stored schedule {} is invalid and will not run: {}", key, e.getMessage());
        }
    }

    private void activate(String key, ScheduleDefinition definition, Schedule schedule, long position) {
        track(key, new Active(definition, schedule, position,
                schedule.nextTick(Instant.ofEpochMilli(position)).orElse(null)));
    }

    private void track(String key, Active schedule) {
        active.put(key, schedule);
        if (schedule.nextTick() == null) {
            due.remove(key);
        } else {
            due.put(key, schedule.schedule().runTime(schedule.nextTick()).toEpochMilli());
        }
    }

    private void remove(String key) {
        definitions.delete(key);
        positions.delete(key);
        active.remove(key);
        due.remove(key);
    }

    private void fireDue(long wallTimestamp) {
        long timestamp = clock.millis(wallTimestamp);
        Instant now = Instant.ofEpochMilli(timestamp);
        List<String> dueKeys = due.takeDue(timestamp);
        firedAtWall = wallTimestamp;
        long started = System.nanoTime();
        for (String key : dueKeys) {
            fire(key, active.get(key), now);
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        if (dueKeys.size() >= BUSY_TICKS || tookMs >= SLOW_MS) {
            LOG.info("Task {}: {} schedule(s) due at {} fired in {} ms", context.taskId(), dueKeys.size(), now, tookMs);
        }
        if (!dueKeys.isEmpty()) {
            // Fired ticks become readable when the transaction commits: ask for it now, not at the next interval.
            context.commit();
        }
    }

    /**
     * Fires the due ticks of one schedule. The usual case, one tick due and on time, fires it directly; anything
     * else (a backlog after a stop) is the catch-up policy's to decide.
     */
    private void fire(String key, Active schedule, Instant now) {
        Schedule timing = schedule.schedule();
        Instant tick = schedule.nextTick();
        Instant following = timing.nextTick(tick).orElse(null);
        boolean onlyOneDue = following == null || timing.runTime(following).isAfter(now);
        if (onlyOneDue && !timing.runTime(tick).isBefore(now.minus(CatchUp.GRACE))) {
            emit(schedule.definition(), tick, now);
            ticks.fired(false);
            advance(key, schedule, tick.toEpochMilli(), following);
            return;
        }
        CatchUpPlan plan = catchUp.plan(timing, Instant.ofEpochMilli(schedule.position()), now);
        if (plan.isCatchUp()) {
            LOG.warn("Schedule {} was behind (catch-up {}): {}", key, catchUp.name().toLowerCase(), plan.describe());
        }
        plan.fire().forEach(t -> {
            emit(schedule.definition(), t, now);
            ticks.fired(plan.isCatchUp());
        });
        advance(key, schedule, plan.position().toEpochMilli(), timing.nextTick(plan.position()).orElse(null));
    }

    private void emit(ScheduleDefinition definition, Instant tick, Instant now) {
        JobRequest request = ScheduledJobs.request(definition, tick, now);
        context.forward(new Record<>(request.getJobId(), request, firedAtWall), JOBS_SINK);
        context.forward(new Record<>(request.getJobId(), ScheduledJobs.queued(request, worker, now), firedAtWall),
                JOB_EVENTS_SINK);
    }

    private void advance(String key, Active schedule, long position, Instant nextTick) {
        if (position != schedule.position()) {
            positions.put(key, position);
        }
        track(key, new Active(schedule.definition(), schedule.schedule(), position, nextTick));
    }

    private static long createdAt(ScheduleDefinition definition) {
        return definition.getCreatedAt().toEpochMilli();
    }
}
