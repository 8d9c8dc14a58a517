package io.tideway.schemas;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every topic on the bus, declared once with its value serde. Keys are always the job id as a UTF-8 string.
 * Topics are created by the services at start ({@link TopicCreator}), never by broker auto-creation.
 */
public final class Topics {

    /** Job requests, from the API, the scheduler and other systems (docs/job-topic.md). */
    public static final String JOBS = "jobs";
    /** Lifecycle events of every job; the job-status view is folded from this topic, so it is kept. */
    public static final String JOB_EVENTS = "job-events";
    /** Prefix of the per-scheme result topics: results.ftp, results.web, results.td. */
    public static final String RESULTS_PREFIX = "results.";
    /** Schedule definitions, compacted, keyed by accountId/name; a tombstone deletes. */
    public static final String SCHEDULES = "schedules";
    /** Saved destinations (td result:create), compacted, keyed by accountId/name; a tombstone deletes. */
    public static final String SAVED_RESULTS = "saved-results";
    /** Records a service could not decode or refused, with {@link DeadLetterHeaders} naming where they came from and why. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** Destination schemes and the result topic each is delivered from (webs shares web's topic and writer). */
    public static final Set<String> RESULT_SCHEMES = Set.of("ftp", "web", "td");

    public static final AvroSerde<JobRequest> JOB_REQUEST_SERDE = AvroSerde.of(JobRequest.class);
    public static final AvroSerde<JobEvent> JOB_EVENT_SERDE = AvroSerde.of(JobEvent.class);
    public static final AvroSerde<ResultMessage> RESULT_SERDE = AvroSerde.of(ResultMessage.class);
    public static final AvroSerde<ScheduleDefinition> SCHEDULE_SERDE = AvroSerde.of(ScheduleDefinition.class);
    public static final AvroSerde<SavedResult> SAVED_RESULT_SERDE = AvroSerde.of(SavedResult.class);

    private Topics() {
    }

    /** The results topic a destination scheme is published to. */
    public static String results(String scheme) {
        String topicScheme = scheme.equals("webs") ? "web" : scheme;
        if (!RESULT_SCHEMES.contains(topicScheme)) {
            throw new IllegalArgumentException("No results topic for scheme '" + scheme + "'; known: ftp, web, webs, td");
        }
        return RESULTS_PREFIX + topicScheme;
    }

    /** All topics with the settings they are created with; partitions bound how far consumers scale out. */
    public static List<TopicSpec> all(int partitions) {
        Map<String, String> kept = Map.of("retention.ms", "-1", "retention.bytes", "-1");
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        Map<String, String> results = Map.of(
                "retention.ms", String.valueOf(7L * 24 * 3600 * 1000),
                "max.message.bytes", String.valueOf(8 * 1024 * 1024));
        return List.of(
                new TopicSpec(JOBS, partitions, kept),
                new TopicSpec(JOB_EVENTS, partitions, kept),
                new TopicSpec(DEAD_LETTERS, 1, kept),
                new TopicSpec(SCHEDULES, partitions, compacted),
                new TopicSpec(SAVED_RESULTS, partitions, compacted),
                new TopicSpec(results("ftp"), partitions, results),
                new TopicSpec(results("web"), partitions, results),
                new TopicSpec(results("td"), partitions, results));
    }
}
