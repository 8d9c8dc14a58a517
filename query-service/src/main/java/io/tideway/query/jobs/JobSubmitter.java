package io.tideway.query.jobs;

import io.tideway.destination.DestinationUrl;
import io.tideway.destination.InvalidDestinationException;
import io.tideway.destination.SecretBox;
import io.tideway.query.accounts.Caller;
import io.tideway.query.config.TidewaySettings;
import io.tideway.query.savedresults.SavedResultException;
import io.tideway.query.savedresults.SavedResultRef;
import io.tideway.query.savedresults.SavedResults;
import io.tideway.query.warehouse.Names;
import io.tideway.query.warehouse.QueryEngines;
import io.tideway.schemas.Destination;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.Topics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts jobs: checks a request completely before anything is published (query, database, result URL, domain
 * key), gives it the next job id, then publishes the request on {@code jobs} and its QUEUED event on
 * {@code job-events} in one Kafka transaction. The destination travels masked and sealed, never in clear; a saved
 * destination ({@code NAME} or {@code NAME:path}) is resolved now, as it is at submission. A same-account table
 * destination ({@code td://@/db/table}) is sealed as {@code td://<the submitting key>@<public endpoint>/db/table?mode=...},
 * so the td-writer delivers it through this service's API with the submitter's own rights, while the masked URL
 * stays as the user wrote it.
 */
@Singleton
public class JobSubmitter {

    /** The longest query taken, in UTF-8 bytes: its job request must fit one Kafka record with room to spare. */
    public static final int MAX_QUERY_BYTES = 512 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JobSubmitter.class);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final QueryEngines engines;
    private final SameAccountTables tables;
    private final JobIds jobIds;
    private final JobStatusView view;
    private final ApiPublisher publisher;
    private final SecretBox secrets;
    private final SavedResults savedResults;
    private final String worker;

    public JobSubmitter(QueryEngines engines, JobIds jobIds, JobStatusView view, ApiPublisher publisher,
                        TidewaySettings settings, SameAccountTables tables, SavedResults savedResults) {
        this.engines = engines;
        this.tables = tables;
        this.savedResults = savedResults;
        this.jobIds = jobIds;
        this.view = view;
        this.publisher = publisher;
        this.secrets = settings.secretBox();
        this.worker = "query-service-" + settings.instanceId();
    }

    /** Publishes the job and returns its id once the job-status view shows it. */
    public synchronized JobRequest submit(JobSubmission submission) {
        Destination destination = check(submission);
        JobRequest request = JobRequest.newBuilder()
                .setJobId(jobIds.next())
                .setAccountId(submission.accountId())
                .setDatabase(submission.database())
                .setQuery(submission.query())
                .setEngine(JobOptions.normalType(submission.type()))
                .setDestination(destination)
                .setPriority(submission.priority())
                .setRetryLimit(submission.retryLimit())
                .setOrigin(JobOrigin.API)
                .setRequestedAt(Instant.now())
                .setDomainKey(submission.domainKey())
                .build();
        RecordMetadata queued = publish(request);
        if (!view.awaitPast(new TopicPartition(queued.topic(), queued.partition()), queued.offset(), READ_YOUR_WRITES)) {
            LOG.warn("Job {} was queued but the job-status view has not shown it within {}", request.getJobId(),
                    READ_YOUR_WRITES);
        }
        LOG.info("Job {} queued: {} on database {}, result {}", request.getJobId(), request.getEngine(),
                request.getDatabase(), destination == null ? "kept with the job" : destination.getMaskedUrl());
        return request;
    }

    private Destination check(JobSubmission s) {
        if (s.query() == null || s.query().isBlank()) {
            throw new JobRejectedException(JobRejectedException.Reason.INVALID,
                    "Query must not be empty: give the SQL to run in the 'query' parameter");
        }
        int queryBytes = s.query().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (queryBytes > MAX_QUERY_BYTES) {
            throw new JobRejectedException(JobRejectedException.Reason.INVALID, "Query is too long: " + queryBytes
                    + " bytes, at most " + MAX_QUERY_BYTES + "; keep large data in tables, not in the SQL text");
        }
        if (s.query().indexOf('\uFFFD') >= 0) {
            throw new JobRejectedException(JobRejectedException.Reason.INVALID, "Query holds bytes that are not "
                    + "UTF-8 (decoded as the replacement character U+FFFD): send the query as UTF-8");
        }
        JobOptions.typeProblem(s.type()).or(() -> JobOptions.priorityProblem(s.priority()))
                .or(() -> JobOptions.retryLimitProblem("retry_limit", s.retryLimit())).ifPresent(problem -> {
                    throw new JobRejectedException(JobRejectedException.Reason.INVALID, problem);
                });
        if (!engines.forAccount(s.accountId()).databaseExists(s.database())) {
            throw new JobRejectedException(JobRejectedException.Reason.NOT_FOUND,
                    "Couldn't find database '" + s.database() + "'");
        }
        if (s.domainKey() != null) {
            view.jobIdForDomainKey(s.accountId(), s.domainKey()).ifPresent(existing -> {
                throw new JobRejectedException(JobRejectedException.Reason.CONFLICT,
                        "Domain key '" + s.domainKey() + "' is already used by job " + existing, existing);
            });
        }
        return s.resultUrl() == null || s.resultUrl().isBlank() ? null
                : destination(resolveSaved(s.accountId(), s.resultUrl()), s.caller());
    }

    /** A saved destination's reference ({@code NAME} or {@code NAME:path}) as its full URL; a URL as it is. */
    private String resolveSaved(String accountId, String url) {
        if (!SavedResultRef.isReference(url)) {
            return url;
        }
        try {
            return savedResults.resolveUrl(accountId, url);
        } catch (SavedResultException e) {
            throw new JobRejectedException(e.reason() == SavedResultException.Reason.NOT_FOUND
                    ? JobRejectedException.Reason.NOT_FOUND : JobRejectedException.Reason.INVALID, e.getMessage());
        }
    }

    private Destination destination(String url, Caller caller) {
        try {
            DestinationUrl parsed = DestinationUrl.parse(url);
            String deliverTo = parsed.scheme().equals("td") ? tableDestination(parsed, caller) : parsed.unmaskedUrl();
            return Destination.newBuilder()
                    .setScheme(parsed.scheme())
                    .setMaskedUrl(SameAccountTables.shown(parsed))
                    .setSealedUrl(secrets.seal(deliverTo))
                    .build();
        } catch (InvalidDestinationException e) {
            throw new JobRejectedException(JobRejectedException.Reason.INVALID, e.getMessage());
        }
    }

    /**
     * Checks a td:// URL's names and mode; a same-account one (no host) gets our endpoint and the key saved with it
     * (a saved destination's) or else the caller's.
     */
    private String tableDestination(DestinationUrl url, Caller caller) {
        badTableName(url).ifPresent(why -> {
            throw new JobRejectedException(JobRejectedException.Reason.INVALID, why);
        });
        if (!url.host().isEmpty()) {
            return url.unmaskedUrl();
        }
        boolean replace = url.parameter("mode").orElse("append").equals("replace");
        if (replace && caller.isWriteOnly()) {
            throw new JobRejectedException(JobRejectedException.Reason.FORBIDDEN, "Result URL " + url.masked()
                    + " replaces a table, which needs the account's master key; this API key is write-only");
        }
        return tables.forDelivery(url, caller.apiKey());
    }

    /** Why a td:// URL's database or table name is not valid, if it is not. */
    public static Optional<String> badTableName(DestinationUrl url) {
        String[] names = url.path().substring(1).split("/");
        for (int i = 0; i < 2; i++) {
            if (!Names.isValid(names[i])) {
                return Optional.of("Result URL " + url.masked() + " names the "
                        + (i == 0 ? "database" : "table") + " '" + names[i] + "', which is not "
                        + "valid: use 3 to 256 lowercase letters (a-z), digits and '_'");
            }
        }
        return Optional.empty();
    }

    private RecordMetadata publish(JobRequest request) {
        String id = request.getJobId();
        JobEvent queued = JobEvents.queued(request, worker);
        List<RecordMetadata> landed = publisher.publish("job " + id, List.of(
                new ProducerRecord<>(Topics.JOBS, id, Topics.JOB_REQUEST_SERDE.encode(request)),
                new ProducerRecord<>(Topics.JOB_EVENTS, id, Topics.JOB_EVENT_SERDE.encode(queued))));
        return landed.get(1);
    }

    /**
     * Kills a job that has not finished: publishes KILLED, which a runner sees before it starts the job or between
     * batches. Returns the status the job had.
     */
    public synchronized JobStatus kill(JobState job) {
        if (!job.status().isFinished()) {
            RecordMetadata killed = publisher.publish("the kill of job " + job.jobId(), List.of(new ProducerRecord<>(
                    Topics.JOB_EVENTS, job.jobId(), Topics.JOB_EVENT_SERDE.encode(
                            JobEvents.killed(job.jobId(), job.accountId(), "Killed on request", worker))))).get(0);
            view.awaitPast(new TopicPartition(killed.topic(), killed.partition()), killed.offset(), READ_YOUR_WRITES);
            LOG.info("Job {} killed on request (was {})", job.jobId(), job.status().apiName());
        }
        return job.status();
    }
}
