package io.tideway.scheduler;

import static io.tideway.scheduler.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.tideway.scheduling.ScheduledJobs;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler service against a real broker: start, fire, restart, health, settings. */
class SchedulerServiceTest {

    @TempDir
    Path stateDir;

    @Test
    void firesAPastTickExactlyOnceAndNotAgainAfterARestart() throws Exception {
        String appId = "scheduler-restart-" + UUID.randomUUID();
        Instant now = Instant.now();
        ScheduleDefinition past = dailyAtAPastMinute("past_" + suffix(), now);
        Instant tick = now.minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String jobId = ScheduledJobs.jobId(past.getAccountId(), past.getName(), tick);
        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader<JobRequest> jobs = new TopicReader<>(Topics.JOBS, Topics.JOB_REQUEST_SERDE);
             TopicReader<JobEvent> events = new TopicReader<>(Topics.JOB_EVENTS, Topics.JOB_EVENT_SERDE)) {
            publish(producer, past);
            try (RunningScheduler scheduler = RunningScheduler.start(appId, stateDir, Map.of())) {
                await().atMost(RunningScheduler.PATIENCE).until(() -> !jobs.read(j -> j.key().equals(jobId)).isEmpty());
                String scrape = scheduler.prometheus().body();
                assertThat(scrape.lines().filter(line -> line.startsWith("tideway_schedule_ticks_total{"))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum())
                        .isGreaterThanOrEqualTo(1);
                assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max{");
            }
            // Restarted on the same state and broker: another schedule on the same partition fires, proving the
            // restarted scheduler punctuates that partition, yet the first tick does not fire again.
            ScheduleDefinition probe = dailyAtAPastMinute(onSamePartition(past), now);
            String probeJobId = ScheduledJobs.jobId(probe.getAccountId(), probe.getName(), tick);
            try (RunningScheduler scheduler = RunningScheduler.start(appId, stateDir, Map.of())) {
                publish(producer, probe);
                await().atMost(RunningScheduler.PATIENCE)
                        .until(() -> !jobs.read(j -> j.key().equals(probeJobId)).isEmpty());
            }
            assertThat(jobs.read(j -> j.value().getScheduleName().equals(past.getName())))
                    .singleElement().satisfies(job -> {
                        assertThat(job.key()).isEqualTo(jobId);
                        assertThat(job.value().getScheduledTime()).isEqualTo(tick);
                    });
            await().atMost(RunningScheduler.PATIENCE).until(() -> !events.read(e -> e.key().equals(probeJobId)).isEmpty());
            assertThat(events.read(e -> e.key().equals(jobId)))
                    .singleElement().satisfies(e -> assertThat(e.value().getType()).isEqualTo(JobEventType.QUEUED));
            delete(producer, past);
            delete(producer, probe);
        }
    }

    @Test
    void reportsHealthUpWhileRunningAndDownOnceStopped() throws Exception {
        try (RunningScheduler scheduler = RunningScheduler.start("scheduler-health-" + UUID.randomUUID(), stateDir,
                Map.of("endpoints.health.details-visible", "ANONYMOUS"))) {
            HttpResponse<String> up = scheduler.health();
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"scheduler\"").contains("RUNNING");
            scheduler.service().stop();
            HttpResponse<String> down = scheduler.health();
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("NOT_RUNNING");
        }
    }

    @Test
    void bindsItsSettingsWithDefaults() {
        try (RunningScheduler scheduler = RunningScheduler.start("scheduler-settings-" + UUID.randomUUID(), stateDir,
                Map.of("tideway.scheduler.catch-up", "all", "tideway.scheduler.tick-interval", "100ms"))) {
            SchedulerSettings settings = scheduler.service().settings();
            assertThat(settings.catchUpPolicy()).hasToString("ALL");
            assertThat(settings.tickInterval()).hasMillis(100);
            assertThat(settings.replicationFactor()).isEqualTo(1);
        }
        SchedulerSettings defaults = settings(null, null);
        assertThat(defaults.stateDir()).isEqualTo("./data/scheduler");
        assertThat(defaults.catchUp()).isEqualTo("latest");
        assertThat(defaults.tickInterval()).hasMillis(50);
        assertThat(defaults.applicationId()).isEqualTo("tideway-scheduler");
        assertThat(defaults.commitInterval()).hasMillis(100);
        assertThat(defaults.sessionTimeout()).isNull();
        assertThat(defaults.clock().isWall()).isTrue();
        assertThatThrownBy(() -> settings(60.0, "soon"))
                .hasMessageContaining("clock-origin 'soon' is not an ISO-8601 instant");
        assertThatThrownBy(() -> settings(0.5, null))
                .hasMessageContaining("clock-speed must be 1 or more");
        assertThat(new TopicSettings(null).partitions()).isEqualTo(6);
    }

    @Test
    void refusesToStartWithoutBootstrapServersNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.server.port", -1)).close())
                .hasStackTraceContaining("tideway.kafka.bootstrap-servers is not set");
    }

    @Test
    void refusesAnUnknownCatchUpPolicy() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tideway.kafka.bootstrap-servers", "127.0.0.1:1",
                "tideway.scheduler.catch-up", "some")).close())
                .hasStackTraceContaining("tideway.scheduler.catch-up: Unknown catch-up policy 'some': use latest, all "
                        + "or none");
    }

    /** A daily schedule whose one tick in the last ten minutes (its creation) was two minutes ago. */
    static ScheduleDefinition dailyAtAPastMinute(String name, Instant now) {
        var tick = now.minus(2, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
        return schedule(name, tick.getMinute() + " " + tick.getHour() + " * * *", now.minus(10, ChronoUnit.MINUTES))
                .build();
    }

    /** A new schedule name whose key lands on the same partition of the schedules topic as {@code other}'s. */
    private static String onSamePartition(ScheduleDefinition other) {
        int partition = partition(DrivenScheduler.key(other));
        for (int i = 0; ; i++) {
            String name = other.getName() + "_probe" + i;
            if (partition(other.getAccountId() + "/" + name) == partition) {
                return name;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % RunningScheduler.PARTITIONS;
    }

    private static SchedulerSettings settings(Double clockSpeed, String clockOrigin) {
        return new SchedulerSettings(null, null, null, null, null, null, null, null, null, clockSpeed, clockOrigin);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    static void publish(KafkaProducer<String, byte[]> producer, ScheduleDefinition definition) {
        producer.send(new ProducerRecord<>(Topics.SCHEDULES, DrivenScheduler.key(definition),
                Topics.SCHEDULE_SERDE.encode(definition)));
        producer.flush();
    }

    static void delete(KafkaProducer<String, byte[]> producer, ScheduleDefinition definition) {
        producer.send(new ProducerRecord<>(Topics.SCHEDULES, DrivenScheduler.key(definition), null));
        producer.flush();
    }
}
