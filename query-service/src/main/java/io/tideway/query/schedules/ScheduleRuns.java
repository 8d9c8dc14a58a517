package io.tideway.query.schedules;

import io.tideway.query.config.TidewaySettings;
import io.tideway.query.jobs.ApiPublisher;
import io.tideway.query.jobs.JobIds;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.query.jobs.ScheduledJob;
import io.tideway.scheduling.ScheduledJobs;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.Topics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs of a schedule: {@code sched:run} (a backfill of its schedule times from a given time) and its history.
 *
 * <p>A {@code sched:run} job's id is the tick's id with a serial from the API's job-id counter appended,
 * {@code <accountId>.<name>.<epochSeconds>.run<serial>}: so running a tick again (one the scheduler already ran, or an
 * earlier sched:run) really runs it again, rather than being dropped by the runner as a repeated request, and two
 * sched:runs never share an id. The scheduler's own ticks keep the plain tick id, which is what makes a tick fired
 * twice (a failover) one job.
 */
@Singleton
public class ScheduleRuns {

    /** The most schedule times one sched:run may ask for. */
    public static final int MAX_RUNS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRuns.class);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final Schedules schedules;
    private final JobStatusView view;
    private final JobIds jobIds;
    private final ApiPublisher publisher;
    private final String worker;

    public ScheduleRuns(Schedules schedules, JobStatusView view, JobIds jobIds, ApiPublisher publisher,
                        TidewaySettings settings) {
        this.schedules = schedules;
        this.view = view;
        this.jobIds = jobIds;
        this.publisher = publisher;
        this.worker = "query-service-" + settings.instanceId();
    }

    /**
     * Requests the jobs of the schedule's {@code num} schedule times at or after {@code from} (for a schedule without
     * cron, {@code from} itself), each request with its QUEUED event, all in one transaction; returns the requests
     * once the job-status view shows them.
     */
    public synchronized List<JobRequest> run(String accountId, String name, Instant from, int num, String domainKey) {
        ScheduleDefinition schedule = schedules.get(accountId, name);
        if (num < 1 || num > MAX_RUNS) {
            throw new ScheduleException(ScheduleException.Reason.INVALID, "num",
                    "num must be from 1 to " + MAX_RUNS + ", not " + num);
        }
        if (domainKey != null) {
            view.jobIdForDomainKey(accountId, domainKey).ifPresent(existing -> {
                throw new ScheduleException(ScheduleException.Reason.CONFLICT, "domain_key", "Domain key '"
                        + domainKey + "' is already used by job " + existing, existing);
            });
        }
        List<Instant> times = Schedules.timing(schedule).cron().runTimes(from, num);
        if (times.isEmpty()) {
            throw new ScheduleException(ScheduleException.Reason.INVALID, "time",
                    "Schedule '" + name + "' has no schedule time at or after " + from);
        }
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        List<JobRequest> requests = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Instant time : times) {
            String id = ScheduledJobs.jobId(accountId, name, time) + ".run" + jobIds.next();
            JobRequest request = ScheduledJobs.request(schedule, time, now, id);
            if (domainKey != null && requests.isEmpty()) {
                request = JobRequest.newBuilder(request).setDomainKey(domainKey).build();
            }
            requests.add(request);
            records.add(new ProducerRecord<>(Topics.JOBS, id, Topics.JOB_REQUEST_SERDE.encode(request)));
            records.add(new ProducerRecord<>(Topics.JOB_EVENTS, id,
                    Topics.JOB_EVENT_SERDE.encode(ScheduledJobs.queued(request, worker, now))));
        }
        List<RecordMetadata> landed = publisher.publish("a run of schedule " + name, records);
        for (int i = 1; i < landed.size(); i += 2) {
            RecordMetadata queued = landed.get(i);
            view.awaitPast(new TopicPartition(queued.topic(), queued.partition()), queued.offset(), READ_YOUR_WRITES);
        }
        LOG.info("Schedule {}/{} run for {} time(s) from {}: jobs {}", accountId, name, times.size(), times.get(0),
                requests.stream().map(JobRequest::getJobId).toList());
        return requests;
    }

    /** The jobs the schedule has run (by the scheduler or sched:run), newest schedule time first. */
    public List<ScheduledJob> history(String accountId, String name) {
        schedules.get(accountId, name);
        return view.scheduledJobs(accountId, name).stream()
                .sorted(Comparator.comparing(ScheduledJob::scheduledTime, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(j -> j.job().createdAt(), Comparator.reverseOrder()))
                .toList();
    }
}
