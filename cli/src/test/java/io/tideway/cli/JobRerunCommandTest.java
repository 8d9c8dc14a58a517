package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code td job:rerun}: posts the re-run and passes on why a job cannot be re-run. */
class JobRerunCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeTdServer server = FakeTdServer.perTest();

    @Test
    void postsTheRerunAndSaysTheResultIsOnItsWay() {
        server.json("POST", "/v3/job/rerun/7", "{\"job_id\":\"7\",\"former_status\":\"error\",\"status\":\"running\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:rerun", "7");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEqualTo("Job 7 is delivering its result again; see `td job:show 7`.\n");
        assertThat(server.requests("POST", "/v3/job/rerun/7")).hasSize(1);
    }

    @Test
    void aJobThatCannotBeRerunFailsWithTheServersReason() {
        server.respond("POST", "/v3/job/rerun/8", 409, "application/json", "{\"error\":\"Conflict\",\"text\":"
                + "\"Job 8 cannot be re-run: only a job whose query finished and whose delivery failed (status "
                + "error) can be delivered again; this one is success\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:rerun", "8");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Job 8 cannot be re-run").contains("this one is success");
    }
}
