package io.tideway.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code td job:rerun ID} ({@code POST /v3/job/rerun/{id}}, Tideway's own call): delivers the stored result of a
 * job whose delivery failed again, without running its query.
 */
@Command(name = "job:rerun", description = "Deliver the result of a job whose delivery failed again, without "
        + "running its query.")
final class JobRerunCommand extends SessionCommand {

    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    JobRerunCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        session.api().postForm("/v3/job/rerun/" + TdApi.segment(jobId), Map.of());
        session.err().println("Job " + jobId + " is delivering its result again; see `td job:show " + jobId + "`.");
        return 0;
    }
}
