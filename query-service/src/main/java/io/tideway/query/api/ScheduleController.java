package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.jobs.JobState;
import io.tideway.query.jobs.JobStatus;
import io.tideway.query.jobs.ScheduledJob;
import io.tideway.query.results.StoredResults;
import io.tideway.query.schedules.ScheduleChanges;
import io.tideway.query.schedules.ScheduleRuns;
import io.tideway.query.schedules.Schedules;
import io.tideway.schemas.JobRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Treasure Data's schedule API (td-client-java's saved queries): list, create, update, delete, history, run. */
@Controller("/v3/schedule")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_OCTET_STREAM})
public class ScheduleController {

    private static final int DEFAULT_HISTORY_SIZE = 20;

    private final Schedules schedules;
    private final ScheduleRuns runs;
    private final StoredResults results;

    public ScheduleController(Schedules schedules, ScheduleRuns runs, StoredResults results) {
        this.schedules = schedules;
        this.runs = runs;
        this.results = results;
    }

    @Get("/list")
    public Map<String, Object> list(HttpRequest<?> request) {
        Instant now = Instant.now();
        return Map.of("schedules", schedules.list(account(request)).stream()
                .map(s -> ScheduleJson.schedule(s, now)).toList());
    }

    @Post("/create/{name}")
    public Map<String, Object> create(HttpRequest<?> request, String name, @Nullable @Body Map<String, Object> body) {
        return ScheduleJson.created(schedules.create(ApiKeyFilter.caller(request), name,
                changes(Params.of(request, body))));
    }

    @Post("/update/{name}")
    public Map<String, Object> update(HttpRequest<?> request, String name, @Nullable @Body Map<String, Object> body) {
        return ScheduleJson.schedule(schedules.update(ApiKeyFilter.caller(request), name,
                changes(Params.of(request, body))), Instant.now());
    }

    @Post("/delete/{name}")
    public Map<String, Object> delete(HttpRequest<?> request, String name, @Nullable @Body Map<String, Object> body) {
        return ScheduleJson.schedule(schedules.delete(account(request), name), Instant.now());
    }

    /** The schedule's jobs, newest schedule time first; {@code from} included, {@code to} not (td-client-java). */
    @Get("/history/{name}")
    public Map<String, Object> history(HttpRequest<?> request, String name) {
        Map<String, String> params = Params.of(request, null);
        List<ScheduledJob> all = runs.history(account(request), name);
        int from = Math.max(0, Params.integer(params, "from", 0));
        int to = Math.max(from, Params.integer(params, "to", from + DEFAULT_HISTORY_SIZE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", all.size());
        out.put("from", from);
        out.put("to", to);
        out.put("history", all.stream().skip(from).limit(to - from).map(this::historyItem).toList());
        return out;
    }

    /** Runs the schedule for its {@code num} (default 1) schedule times from {@code time} (unix seconds). */
    @Post("/run/{name}/{time}")
    public Map<String, Object> run(HttpRequest<?> request, String name, String time,
                                   @Nullable @Body Map<String, Object> body) {
        Map<String, String> params = Params.of(request, body);
        List<JobRequest> jobs = runs.run(account(request), name, Instant.ofEpochSecond(seconds(time)),
                Params.integer(params, "num", 1), Params.blankToNull(params.get("domain_key")));
        return Map.of("jobs", jobs.stream().map(ScheduleController::runJob).toList());
    }

    private Map<String, Object> historyItem(ScheduledJob scheduled) {
        JobState job = scheduled.job();
        long size = job.hasDestination() || job.status() != JobStatus.SUCCESS ? 0 : results.size(job.jobId());
        Map<String, Object> item = JobJson.job(job, size);
        item.put("scheduled_at", TdTime.format(scheduled.scheduledTime()));
        return item;
    }

    private static Map<String, Object> runJob(JobRequest job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", job.getJobId());
        m.put("type", job.getEngine());
        m.put("scheduled_at", TdTime.format(job.getScheduledTime()));
        return m;
    }

    private static ScheduleChanges changes(Map<String, String> p) {
        return new ScheduleChanges(p.get("name"), p.get("cron"), p.get("query"), p.get("database"), p.get("type"),
                p.get("result"), p.get("timezone"), p.get("delay"), p.get("priority"), p.get("retry_limit"));
    }

    private static long seconds(String time) {
        try {
            return Long.parseLong(time.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The time to run from must be unix seconds, not '" + time + "'");
        }
    }

    private static String account(HttpRequest<?> request) {
        return ApiKeyFilter.account(request).id();
    }
}
