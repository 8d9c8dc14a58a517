package io.tideway.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.testing.SharedKafka;
import io.tideway.testing.TestFtpServer;
import io.tideway.writer.service.testing.RunningWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer stopped in the middle of a job leaves nothing visible, and the next writer delivers the job whole. */
class FtpWriterRestartTest {

    @Test
    void deliversTheWholeFileOnceAfterAWriterIsStoppedMidJob(@TempDir Path home) {
        String job = "job-" + UUID.randomUUID();
        Path target = home.resolve("restart/out.csv");
        Path temporary = home.resolve("restart/.out.csv." + job + ".tmp");
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder expected = new StringBuilder("line,n\r\n");
        for (long i = 0; i < 4_000; i++) {
            rows.add(List.of("line " + i, i));
            expected.append("line ").append(i).append(',').append(i).append("\r\n");
        }
        Target results = Target.partition(Topics.results("ftp"), 0);
        try (TestFtpServer ftp = TestFtpServer.start(home, TestFtpServer.user("carol", "pw"));
             ResultPublisher publisher = new ResultPublisher(SharedKafka.bootstrapServers(), RunningWriter.SECRET_KEY);
             JobEvents events = new JobEvents(SharedKafka.bootstrapServers())) {
            String url = "ftp://carol:pw@127.0.0.1:" + ftp.port() + "/restart/out.csv";
            try (RunningWriter first = FtpWriters.start(Map.of("tideway.instance-id", "first"))) {
                // The first half of the job is readable, the rest not yet: the first writer is in the middle of it.
                publisher.begin();
                publisher.send(results, publisher.header(job, url, List.of("line", "n")));
                publisher.send(results, ResultPublisher.batch(job, 0, rows.subList(0, 2_000)));
                publisher.commit();
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(temporary));
            }
            assertThat(target).doesNotExist();
            assertThat(temporary).doesNotExist();
            assertThat(events.of(job)).isEmpty();

            publisher.begin();
            publisher.send(results, ResultPublisher.batch(job, 1, rows.subList(2_000, 4_000)));
            publisher.send(results, ResultPublisher.end(job, 4_000, 2));
            publisher.commit();
            try (RunningWriter second = FtpWriters.start(Map.of("tideway.instance-id", "second"))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !events.of(job, JobEventType.DELIVERED).isEmpty());
            }
            assertThat(target).hasContent(expected.toString());
            assertThat(temporary).doesNotExist();
            List<JobEvent> delivered = events.of(job, JobEventType.DELIVERED);
            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0).getWorker()).isEqualTo("second");
            assertThat(delivered.get(0).getRows()).isEqualTo(4_000);
        }
    }
}
