package io.tideway.td;

import static io.tideway.td.TdApiServer.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.testing.SharedKafka;
import io.tideway.writer.service.testing.RunningWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A writer stopped in the middle of an import leaves nothing in the table, and the next writer imports it once. */
class TdWriterRestartTest {

    @Test
    void importsEachRowOnceAfterAWriterIsStoppedMidImport() {
        String job = "job-" + UUID.randomUUID();
        String session = TdTarget.session(job);
        List<List<Object>> rows = TdDestinationTest.numbers(4_000);
        Target results = Target.partition(Topics.results("td"), 0);
        try (TdApiServer api = TdApiServer.start("testdb");
             ResultPublisher publisher = new ResultPublisher(SharedKafka.bootstrapServers(), RunningWriter.SECRET_KEY);
             JobEvents events = new JobEvents(SharedKafka.bootstrapServers())) {
            String url = api.url(MASTER_KEY, "testdb/restart");
            try (RunningWriter first = TdWriters.start(Map.of("tideway.instance-id", "first"))) {
                // The first half of the job is readable, the rest not yet: the first writer is in the middle of it.
                publisher.begin();
                publisher.send(results, publisher.header(job, url, List.of("n"), List.of("long")));
                publisher.send(results, ResultPublisher.batch(job, 0, rows.subList(0, 2_000)));
                publisher.commit();
                await().atMost(Duration.ofSeconds(60)).until(() -> api.partCount(session) == 2);
            }
            assertThat(api.hasTable("testdb", "restart")).isFalse();
            assertThat(events.of(job)).isEmpty();

            publisher.begin();
            publisher.send(results, ResultPublisher.batch(job, 1, rows.subList(2_000, 4_000)));
            publisher.send(results, ResultPublisher.end(job, 4_000, 2));
            publisher.commit();
            try (RunningWriter second = TdWriters.start(Map.of("tideway.instance-id", "second"))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !events.of(job, JobEventType.DELIVERED).isEmpty());
            }
            assertThat(api.rows("testdb", "restart")).extracting(r -> r.get("n"))
                    .containsExactlyElementsOf(TdWriterTest.longs(4_000));
            List<JobEvent> delivered = events.of(job, JobEventType.DELIVERED);
            assertThat(delivered).singleElement().satisfies(e -> {
                assertThat(e.getWorker()).isEqualTo("second");
                assertThat(e.getRows()).isEqualTo(4_000);
            });
            assertThat(api.parts(session)).containsExactly("part-00000", "part-00001", "part-00002", "part-00003");
        }
    }
}
