package io.tideway.query.schedules;

import io.micronaut.context.annotation.Context;
import io.tideway.destination.DestinationUrl;
import io.tideway.destination.InvalidDestinationException;
import io.tideway.destination.SecretBox;
import io.tideway.query.accounts.Caller;
import io.tideway.query.compacted.CompactedTable;
import io.tideway.query.config.KafkaClients;
import io.tideway.query.config.TidewaySettings;
import io.tideway.query.config.TopicSetup;
import io.tideway.query.jobs.ApiPublisher;
import io.tideway.query.jobs.JobOptions;
import io.tideway.query.jobs.JobSubmitter;
import io.tideway.query.jobs.SameAccountTables;
import io.tideway.query.savedresults.SavedResultException;
import io.tideway.query.savedresults.SavedResultRef;
import io.tideway.query.savedresults.SavedResults;
import io.tideway.query.warehouse.QueryEngines;
import io.tideway.scheduling.InvalidScheduleException;
import io.tideway.scheduling.Schedule;
import io.tideway.scheduling.ScheduleNames;
import io.tideway.schemas.Destination;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules (Treasure Data's saved queries): a table per account folded from the compacted {@code schedules} topic
 * (keyed {@code accountId/name}, a tombstone deletes), which the scheduler service reads too. Every change is checked
 * completely before anything is published (cron, time zone, delay, name, database, result), so a refused request
 * stores nothing. A result given as a saved destination ({@code NAME} or {@code NAME:path}) is kept as that
 * reference and resolved when each job runs; a URL is sealed now, a same-account table's ({@code td://@/db/table})
 * with the key of whoever gave it ({@link SameAccountTables}).
 */
@Context
public class Schedules implements AutoCloseable {

    /** The job type of a schedule that names none. */
    public static final String DEFAULT_TYPE = "presto";
    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final CompactedTable<ScheduleDefinition> table;
    private final ApiPublisher publisher;
    private final QueryEngines engines;
    private final SavedResults savedResults;
    private final SecretBox secrets;

    public Schedules(KafkaClients kafka, TopicSetup topicsReady, ApiPublisher publisher, QueryEngines engines,
                     SavedResults savedResults, TidewaySettings settings) {
        this.table = new CompactedTable<>(Topics.SCHEDULES, Topics.SCHEDULE_SERDE, kafka);
        this.publisher = publisher;
        this.engines = engines;
        this.savedResults = savedResults;
        this.secrets = settings.secretBox();
    }

    /** The account's schedules by name. */
    public List<ScheduleDefinition> list(String accountId) {
        return table.withKeyPrefix(accountId + "/").stream()
                .sorted(Comparator.comparing(ScheduleDefinition::getName)).toList();
    }

    public Optional<ScheduleDefinition> find(String accountId, String name) {
        return table.get(key(accountId, name));
    }

    /** The schedule, or {@link ScheduleException} NOT_FOUND. */
    public ScheduleDefinition get(String accountId, String name) {
        return find(accountId, name).orElseThrow(() -> ScheduleException.unknown(name));
    }

    /** {@code creator}'s key seals a same-account table result ({@code td://@/db/table}): {@link SameAccountTables}. */
    public synchronized ScheduleDefinition create(Caller creator, String name, ScheduleChanges changes) {
        String accountId = creator.accountId();
        checkName(name);
        if (find(accountId, name).isPresent()) {
            throw new ScheduleException(ScheduleException.Reason.CONFLICT, "name",
                    "Schedule '" + name + "' already exists", name);
        }
        ScheduleDefinition.Builder schedule = ScheduleDefinition.newBuilder().setAccountId(accountId).setName(name)
                .setCron("").setTimeZone("UTC").setDelaySeconds(0).setDatabase("").setQuery("")
                .setEngine(DEFAULT_TYPE).setPriority(0).setRetryLimit(0).setDestination(null).setSavedResult(null)
                .setCreatedAt(now()).setVersion(0);
        apply(schedule, changes, true, creator);
        ScheduleDefinition created = schedule.build();
        publish("schedule " + name, List.of(record(created)));
        LOG.info("Schedule {}/{} created: cron '{}' in {}, delay {}s, result {}", accountId, name, created.getCron(),
                created.getTimeZone(), created.getDelaySeconds(), describeResult(created));
        return created;
    }

    /**
     * Changes the fields given. A new name renames: the old key's tombstone and the new key's definition in one
     * transaction (the renamed schedule counts its ticks from the rename). A change of cron, time zone or delay
     * increments {@code version}, so the scheduler counts ticks from the update.
     */
    public synchronized ScheduleDefinition update(Caller updater, String name, ScheduleChanges changes) {
        String accountId = updater.accountId();
        ScheduleDefinition existing = get(accountId, name);
        ScheduleDefinition.Builder schedule = ScheduleDefinition.newBuilder(existing);
        apply(schedule, changes, false, updater);
        String newName = changes.name() == null || changes.name().isBlank() ? name : changes.name().strip();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        if (!newName.equals(name)) {
            checkName(newName);
            if (find(accountId, newName).isPresent()) {
                throw new ScheduleException(ScheduleException.Reason.CONFLICT, "name",
                        "Cannot rename schedule '" + name + "' to '" + newName + "': that schedule already exists",
                        newName);
            }
            schedule.setName(newName).setCreatedAt(now()).setVersion(0);
            records.add(new ProducerRecord<>(Topics.SCHEDULES, key(accountId, name), null));
        } else if (timingChanged(existing, schedule)) {
            schedule.setVersion(existing.getVersion() + 1);
        }
        ScheduleDefinition updated = schedule.build();
        records.add(record(updated));
        publish("the update of schedule " + name, records);
        LOG.info("Schedule {}/{} updated{} (version {})", accountId, name,
                newName.equals(name) ? "" : " and renamed to " + newName, updated.getVersion());
        return updated;
    }

    public synchronized ScheduleDefinition delete(String accountId, String name) {
        ScheduleDefinition existing = get(accountId, name);
        publish("the deletion of schedule " + name,
                List.of(new ProducerRecord<>(Topics.SCHEDULES, key(accountId, name), null)));
        LOG.info("Schedule {}/{} deleted", accountId, name);
        return existing;
    }

    /** The masked result a schedule shows: the URL masked, the saved destination's reference, or "". */
    public static String describeResult(ScheduleDefinition s) {
        if (s.getDestination() != null) {
            return s.getDestination().getMaskedUrl();
        }
        return s.getSavedResult() == null ? "" : s.getSavedResult();
    }

    /** The schedule's timing; a stored definition was checked when it was published. */
    public static Schedule timing(ScheduleDefinition s) {
        return Schedule.of(s);
    }

    private void apply(ScheduleDefinition.Builder s, ScheduleChanges c, boolean creating, Caller caller) {
        if (creating || c.query() != null) {
            if (c.query() == null || c.query().isBlank()) {
                throw invalid("query", "Query must not be empty: give the SQL to run in the 'query' parameter");
            }
            s.setQuery(c.query());
        }
        if (c.type() != null && !c.type().isBlank()) {
            JobOptions.typeProblem(c.type()).ifPresent(problem -> {
                throw invalid("type", problem);
            });
            s.setEngine(JobOptions.normalType(c.type()));
        }
        if (c.priority() != null) {
            int priority = integer("priority", c.priority());
            JobOptions.priorityProblem(priority).ifPresent(problem -> {
                throw invalid("priority", problem);
            });
            s.setPriority(priority);
        }
        if (c.retryLimit() != null) {
            int retryLimit = integer("retry_limit", c.retryLimit());
            JobOptions.retryLimitProblem("retry_limit", retryLimit).ifPresent(problem -> {
                throw invalid("retry_limit", problem);
            });
            s.setRetryLimit(retryLimit);
        }
        applyTiming(s, c);
        if (creating || c.database() != null) {
            applyDatabase(s, c.database());
        }
        if (c.result() != null) {
            applyResult(s, c.result(), caller);
        }
    }

    private void applyTiming(ScheduleDefinition.Builder s, ScheduleChanges c) {
        String cron = c.cron() == null ? s.getCron() : c.cron().strip();
        String zone = c.timezone() == null || c.timezone().isBlank() ? s.getTimeZone() : c.timezone().strip();
        long delay = c.delay() == null || c.delay().isBlank() ? s.getDelaySeconds() : whole("delay", c.delay());
        try {
            Schedule.of(cron, zone, delay);
        } catch (InvalidScheduleException e) {
            throw invalid(e.part(), e.getMessage());
        }
        if (delay > Integer.MAX_VALUE) {
            throw invalid("delay", "Delay " + delay + " is too long: at most " + Integer.MAX_VALUE + " seconds");
        }
        s.setCron(cron).setTimeZone(zone).setDelaySeconds((int) delay);
    }

    private void applyDatabase(ScheduleDefinition.Builder s, String database) {
        if (database == null || database.isBlank()) {
            throw invalid("database", "Parameter 'database' is required: the database the query runs in");
        }
        if (!engines.forAccount(s.getAccountId()).databaseExists(database.strip())) {
            throw new ScheduleException(ScheduleException.Reason.NOT_FOUND, "database",
                    "Couldn't find database '" + database.strip() + "'");
        }
        s.setDatabase(database.strip());
    }

    private void applyResult(ScheduleDefinition.Builder s, String result, Caller caller) {
        if (result.isBlank()) {
            s.setDestination(null).setSavedResult(null);
        } else if (SavedResultRef.isReference(result)) {
            try {
                savedResults.resolve(s.getAccountId(), result);
            } catch (SavedResultException e) {
                throw new ScheduleException(e.reason() == SavedResultException.Reason.NOT_FOUND
                        ? ScheduleException.Reason.NOT_FOUND : ScheduleException.Reason.INVALID, "result", e.getMessage());
            }
            s.setDestination(null).setSavedResult(SavedResultRef.parse(result).toString());
        } else {
            try {
                DestinationUrl url = DestinationUrl.parse(result);
                if (url.scheme().equals("td")) {
                    JobSubmitter.badTableName(url).ifPresent(why -> {
                        throw invalid("result", why);
                    });
                }
                String sealed = SameAccountTables.withKey(url.unmaskedUrl(), url, caller.apiKey());
                s.setDestination(Destination.newBuilder().setScheme(url.scheme()).setMaskedUrl(url.masked())
                        .setSealedUrl(secrets.seal(sealed)).build()).setSavedResult(null);
            } catch (InvalidDestinationException e) {
                throw invalid("result", e.getMessage());
            }
        }
    }

    private static boolean timingChanged(ScheduleDefinition before, ScheduleDefinition.Builder after) {
        return !Objects.equals(before.getCron(), after.getCron())
                || !Objects.equals(before.getTimeZone(), after.getTimeZone())
                || before.getDelaySeconds() != after.getDelaySeconds();
    }

    private static void checkName(String name) {
        try {
            ScheduleNames.validate(name);
        } catch (InvalidScheduleException e) {
            throw invalid("name", e.getMessage());
        }
    }

    private static int integer(String field, String value) {
        long n = whole(field, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw invalid(field, "Parameter '" + field + "' is out of range: " + value);
        }
        return (int) n;
    }

    private static long whole(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(field, "Parameter '" + field + "' must be a whole number, not '" + value + "'");
        }
    }

    private static ScheduleException invalid(String field, String message) {
        return new ScheduleException(ScheduleException.Reason.INVALID, field, message);
    }

    private static ProducerRecord<String, byte[]> record(ScheduleDefinition s) {
        return new ProducerRecord<>(Topics.SCHEDULES, key(s.getAccountId(), s.getName()), Topics.SCHEDULE_SERDE.encode(s));
    }

    private void publish(String what, List<ProducerRecord<String, byte[]>> records) {
        for (RecordMetadata landed : publisher.publish(what, records)) {
            if (!table.awaitPast(landed, READ_YOUR_WRITES)) {
                LOG.warn("Published {} but the schedule table has not shown it within {}", what, READ_YOUR_WRITES);
            }
        }
    }

    static String key(String accountId, String name) {
        return accountId + "/" + name;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    public boolean isHealthy() {
        return table.isHealthy();
    }

    @PreDestroy
    @Override
    public void close() {
        table.close();
    }
}
