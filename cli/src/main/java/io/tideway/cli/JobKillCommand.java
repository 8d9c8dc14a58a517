package io.tideway.cli;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code td job:kill ID} ({@code POST /v3/job/kill/{id}}), answered with the toolbelt's words. */
@Command(name = "job:kill", description = "Kill or cancel a job.")
final class JobKillCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Session session;

    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    JobKillCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String former = session.api().postForm("/v3/job/kill/" + TdApi.segment(jobId), Map.of())
                .path("former_status").asText("");
        if (Set.of("success", "error", "killed").contains(former)) {
            session.err().println("Job " + jobId + " is already finished (" + former + ")");
        } else if (former.equals("running")) {
            session.err().println("Job " + jobId + " is killed.");
        } else {
            session.err().println("Job " + jobId + " is canceled.");
        }
        return 0;
    }
}
