package io.tideway.query.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.jobs.JobState;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.query.runner.ResultRerun;
import io.tideway.query.runner.ResultRerun.RerunRefusedException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v3/job/rerun/:id}: delivers the stored result of a job whose delivery failed again, without running
 * its query (Tideway's own call; Treasure Data's API has none). Answers 409 for a job that does not qualify and 410
 * when its result has left the results topic.
 */
@Controller("/v3/job/rerun")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobRerunController {

    private final JobStatusView view;
    private final ResultRerun rerun;

    public JobRerunController(JobStatusView view, ResultRerun rerun) {
        this.view = view;
        this.rerun = rerun;
    }

    @Post("/{id}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public Map<String, Object> rerun(HttpRequest<?> request, String id) {
        String account = ApiKeyFilter.account(request).id();
        JobState job = view.find(id).filter(j -> j.accountId().equals(account))
                .orElseThrow(() -> ApiException.notFound("Couldn't find Job with id = " + id));
        long messages;
        try {
            messages = rerun.rerun(job);
        } catch (RerunRefusedException e) {
            throw new ApiException(e.gone() ? HttpStatus.GONE : HttpStatus.CONFLICT,
                    e.gone() ? "Result gone" : "Conflict", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", id);
        out.put("former_status", job.status().apiName());
        out.put("status", "running");
        out.put("result_messages", messages);
        return out;
    }
}
