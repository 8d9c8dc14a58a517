package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.jobs.JobState;
import io.tideway.query.jobs.JobStatus;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.query.jobs.JobSubmission;
import io.tideway.query.jobs.JobSubmitter;
import io.tideway.query.results.StoredResults;
import io.tideway.schemas.JobRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Treasure Data's job API: issue, status, show, list, result, kill. */
@Controller("/v3/job")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {

    private static final int DEFAULT_LIST_SIZE = 20;

    private final JobSubmitter submitter;
    private final JobStatusView view;
    private final StoredResults results;

    public JobController(JobSubmitter submitter, JobStatusView view, StoredResults results) {
        this.submitter = submitter;
        this.view = view;
        this.results = results;
    }

    @Post("/issue/{type}/{database}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public Map<String, Object> issue(HttpRequest<?> request, String type, String database,
                                     @Nullable @Body Map<String, Object> body) {
        Map<String, String> params = parameters(request, body);
        JobRequest job = submitter.submit(new JobSubmission(ApiKeyFilter.caller(request), type, database, params.get("query"),
                params.get("result"), integer(params, "priority", 0), integer(params, "retry_limit", 0),
                blankToNull(params.get("domain_key"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", job.getJobId());
        out.put("job_id", job.getJobId());
        out.put("database", job.getDatabase());
        return out;
    }

    @Get("/status/{id}")
    public Map<String, Object> status(HttpRequest<?> request, String id) {
        JobState job = find(request, id);
        return JobJson.status(job, resultSize(job));
    }

    /** The job issued with a domain key (td-client-java's jobStatusByDomainKey). */
    @Get("/status_by_domain_key/{domainKey}")
    public Map<String, Object> statusByDomainKey(HttpRequest<?> request, String domainKey) {
        String account = ApiKeyFilter.account(request).id();
        String id = view.jobIdForDomainKey(account, domainKey)
                .orElseThrow(() -> ApiException.notFound("Couldn't find Job with domain key = " + domainKey));
        return status(request, id);
    }

    @Get("/show/{id}")
    public Map<String, Object> show(HttpRequest<?> request, String id) {
        JobState job = find(request, id);
        Map<String, Object> shown = JobJson.job(job, resultSize(job));
        view.timeline(job.jobId()).ifPresent(t -> shown.put("stage_durations", JobJson.stages(t, Instant.now())));
        return shown;
    }

    /** Jobs newest first; {@code from} and {@code to} are positions in that list, both included. */
    @Get("/list")
    public Map<String, Object> list(HttpRequest<?> request, @Nullable @QueryValue String from,
                                    @Nullable @QueryValue String to) {
        List<JobState> all = view.list(ApiKeyFilter.account(request).id());
        int first = Math.max(0, parseInt("from", from, 0));
        int last = parseInt("to", to, first + DEFAULT_LIST_SIZE - 1);
        List<Map<String, Object>> jobs = all.stream().skip(first).limit(Math.max(0, last - first + 1L))
                .map(j -> JobJson.job(j, resultSize(j))).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", all.size());
        out.put("from", first);
        out.put("to", last);
        out.put("jobs", jobs);
        return out;
    }

    @Get("/result/{id}")
    public HttpResponse<StreamedFile> result(HttpRequest<?> request, String id, @Nullable @QueryValue String format) {
        ResultFormat resultFormat = ResultFormat.of(format);
        JobState job = find(request, id);
        if (job.hasDestination()) {
            throw ApiException.notFound("Job " + id + " sent its result to " + job.resultUrl()
                    + "; only results of jobs without a result URL are kept");
        }
        if (job.status() != JobStatus.SUCCESS) {
            throw ApiException.notFound("Job " + id + " has no result: it is " + job.status().apiName());
        }
        StoredResults.Reader rows = results.open(id)
                .orElseThrow(() -> ApiException.notFound("The result of job " + id + " is not on this server"));
        try {
            return HttpResponse.ok(new StreamedFile(new ResultStream(rows, resultFormat, job.columnTypes()), resultFormat.mediaType()));
        } catch (IOException e) {
            rows.close();
            throw new UncheckedIOException("Cannot read the result of job " + id, e);
        }
    }

    @Post("/kill/{id}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public Map<String, Object> kill(HttpRequest<?> request, String id) {
        JobStatus former = submitter.kill(find(request, id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", id);
        out.put("former_status", former.apiName());
        return out;
    }

    private JobState find(HttpRequest<?> request, String id) {
        String account = ApiKeyFilter.account(request).id();
        return view.find(id).filter(j -> j.accountId().equals(account))
                .orElseThrow(() -> ApiException.notFound("Couldn't find Job with id = " + id));
    }

    private long resultSize(JobState job) {
        return job.hasDestination() || job.status() != JobStatus.SUCCESS ? 0 : results.size(job.jobId());
    }

    private static Map<String, String> parameters(HttpRequest<?> request, @Nullable Map<String, Object> body) {
        Map<String, String> params = new HashMap<>();
        request.getParameters().forEach((name, values) -> params.put(name, values.isEmpty() ? null : values.get(0)));
        if (body != null) {
            body.forEach((name, value) -> params.put(name, value == null ? null : String.valueOf(first(value))));
        }
        return params;
    }

    private static Object first(Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
    }

    private static int integer(Map<String, String> params, String name, int fallback) {
        return parseInt(name, params.get(name), fallback);
    }

    private static int parseInt(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
