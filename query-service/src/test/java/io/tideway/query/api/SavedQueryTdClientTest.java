package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.treasuredata.client.TDClient;
import com.treasuredata.client.TDClientHttpConflictException;
import com.treasuredata.client.TDClientHttpException;
import com.treasuredata.client.TDClientHttpNotFoundException;
import com.treasuredata.client.model.TDJob;
import com.treasuredata.client.model.TDResultFormat;
import com.treasuredata.client.model.TDSaveQueryRequest;
import com.treasuredata.client.model.TDSavedQuery;
import com.treasuredata.client.model.TDSavedQueryHistory;
import com.treasuredata.client.model.TDSavedQueryStartRequest;
import io.tideway.query.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** td-client-java 1.1.1's saved-query calls, unchanged, against the schedule API. */
class SavedQueryTdClientTest {

    private static final long JAN_1_2026 = 1767225600L;
    private static RunningService service;
    private static TDClient client;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        client = TDClient.newBuilder().setEndpoint("127.0.0.1").setPort(service.port()).setUseSSL(false)
                .setApiKey(RunningService.API_KEY).setRetryLimit(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        service.close();
    }

    @Test
    void savesListsUpdatesStartsReadsHistoryAndDeletes() {
        String name = "java_" + UUID.randomUUID().toString().substring(0, 8);
        TDSaveQueryRequest request = TDSavedQuery.newBuilder(name, TDJob.Type.PRESTO, "testdb",
                "SELECT TD_SCHEDULED_TIME() AS t", "Asia/Tokyo").setCron("0 9 * * *").setDelay(10)
                .setResult("ftp://report:hunter2@127.0.0.1:2121/reports/daily.csv").build();

        TDSavedQuery saved = client.saveQuery(request);
        List<TDSavedQuery> listed = client.listSavedQueries();
        TDSavedQuery updated = client.updateSavedQuery(name, TDSavedQuery.newUpdateRequestBuilder()
                .setResult("").setQuery("SELECT TD_SCHEDULED_TIME() AS t, 2 AS two").build());
        String jobId = client.startSavedQuery(name, new Date(JAN_1_2026 * 1000));
        await().atMost(Duration.ofSeconds(60)).until(() -> client.jobStatus(jobId).getStatus().isFinished());
        TDSavedQueryHistory history = client.getSavedQueryHistory(name);
        TDSavedQuery deleted = client.deleteSavedQuery(name);

        assertThat(saved.getId()).isNotEmpty();
        assertThat(saved.getName()).isEqualTo(name);
        assertThat(saved.getCron()).isEqualTo("0 9 * * *");
        assertThat(saved.getTimezone()).isEqualTo("Asia/Tokyo");
        assertThat(saved.getDelay()).isEqualTo(10);
        assertThat(saved.getResult()).isEqualTo("ftp://report:***@127.0.0.1:2121/reports/daily.csv");
        assertThat(saved.getNextTime()).endsWith(":00:00 UTC");
        TDSavedQuery fromList = listed.stream().filter(q -> q.getName().equals(name)).findFirst().orElseThrow();
        assertThat(fromList.getType()).isEqualTo(TDJob.Type.PRESTO);
        assertThat(fromList.getQuery()).isEqualTo("SELECT TD_SCHEDULED_TIME() AS t");
        assertThat(fromList.getResult()).doesNotContain("hunter2");
        assertThat(updated.getId()).isEqualTo(saved.getId());
        assertThat(updated.getCron()).isEqualTo("0 9 * * *");
        assertThat(updated.getResult()).isEmpty();
        // 2026-01-01 09:00 in Tokyo is 00:00 UTC: the first schedule time at or after the time given
        assertThat(client.<String>jobResult(jobId, TDResultFormat.CSV, SavedQueryTdClientTest::text)).isEqualTo(JAN_1_2026 + ",2\r\n");
        assertThat(client.jobInfo(jobId).getStatus()).isEqualTo(TDJob.Status.SUCCESS);
        assertThat(history.getCount()).isEqualTo(1);
        assertThat(history.getHistory()).extracting(TDJob::getJobId).containsExactly(jobId);
        assertThat(history.getFrom()).contains(0L);
        assertThat(deleted.getName()).isEqualTo(name);
        assertThat(client.listSavedQueries()).extracting(TDSavedQuery::getName).doesNotContain(name);
    }

    @Test
    void startsSeveralTimesWithADomainKeyOnce() {
        String name = "java_num_" + UUID.randomUUID().toString().substring(0, 8);
        client.saveQuery(TDSavedQuery.newBuilder(name, TDJob.Type.PRESTO, "testdb", "SELECT 1", "UTC")
                .setCron("@hourly").build());
        String key = "dk-" + name;

        String first = client.startSavedQuery(TDSavedQueryStartRequest.builder().name(name)
                .scheduledTime(new Date(JAN_1_2026 * 1000)).num(2).domainKey(key).build());

        assertThat(first).contains("." + name + "." + JAN_1_2026 + ".run");
        assertThatThrownBy(() -> client.startSavedQuery(TDSavedQueryStartRequest.builder().name(name)
                .scheduledTime(new Date(JAN_1_2026 * 1000)).domainKey(key).build()))
                .isInstanceOfSatisfying(TDClientHttpConflictException.class,
                        e -> assertThat(e.getConflictsWith()).contains(first));
        await().atMost(Duration.ofSeconds(60)).until(() -> client.getSavedQueryHistory(name).getHistory().stream()
                .allMatch(j -> j.getStatus().isFinished()));
        assertThat(client.getSavedQueryHistory(name).getCount()).isEqualTo(2);
    }

    @Test
    void answersErrorsAsTheClientExpects() {
        String name = "java_err_" + UUID.randomUUID().toString().substring(0, 8);
        client.saveQuery(TDSavedQuery.newBuilder(name, TDJob.Type.PRESTO, "testdb", "SELECT 1", "UTC")
                .setCron("@daily").build());

        assertThatThrownBy(() -> client.saveQuery(TDSavedQuery.newBuilder(name, TDJob.Type.PRESTO, "testdb",
                "SELECT 1", "UTC").setCron("@daily").build())).isInstanceOf(TDClientHttpConflictException.class);
        assertThatThrownBy(() -> client.saveQuery(TDSavedQuery.newBuilder(name + "x", TDJob.Type.PRESTO, "testdb",
                "SELECT 1", "UTC").setCron("0 0 31 2 *").build()))
                .isInstanceOf(TDClientHttpException.class).hasMessageContaining("never runs");
        assertThatThrownBy(() -> client.deleteSavedQuery("no_such_schedule"))
                .isInstanceOf(TDClientHttpNotFoundException.class);
        assertThatThrownBy(() -> client.startSavedQuery("no_such_schedule", new Date()))
                .isInstanceOf(TDClientHttpNotFoundException.class);
        assertThatThrownBy(() -> client.updateSavedQuery("no_such_schedule",
                TDSavedQuery.newUpdateRequestBuilder().setQuery("SELECT 2").build()))
                .isInstanceOf(TDClientHttpNotFoundException.class);
    }

    private static String text(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
