package io.tideway.bench;

import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * 6. Many schedules: N (10,000) schedules due at the same second on one scheduler instance, the real
 * scheduler-service JVM (started as the supervisor starts it) against a real broker JVM of its own, so that no other
 * service competes for the two cores. Every schedule is {@code * * * * *} in a zone offset by whole seconds, so all
 * of them tick at one chosen second of each minute: each minute is a round. Latency of a job request = from its
 * due time until a read_committed consumer polling the jobs topic has it; per round the p50 and the last (max).
 */
final class SchedulesBench {

    static final double TARGET_MS = 1_000;
    private static final int PARTITIONS = 6;
    private static final Duration LEAD = Duration.ofSeconds(30);

    private SchedulesBench() {
    }

    static Measurement run(Path repo, Path dir, int schedules, int rounds) throws Exception {
        Measurement m = new Measurement("6. Schedules (" + Stats.count(schedules) + " due at once, one instance)");
        m.target = "all fired within 1 s of their time";
        m.how = "A broker JVM (LocalBroker) and one scheduler-service JVM (-Xmx256m, C1 only, as the supervisor starts "
                + "it) of the bench's own; " + schedules + " `* * * * *` schedules in a zone offset by whole seconds, "
                + "so all tick at the same second of every minute; " + rounds + " rounds (minutes). A read_committed "
                + "consumer polls the jobs topic; latency of a request = time it was read − its scheduled time. Per "
                + "round: p50 and max (the last request readable). Load average read from /proc/loadavg.";
        Files.createDirectories(dir);
        String load0 = loadAverage();
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath(repo, "local-broker"), "io.tideway.broker.LocalBroker",
                dir.resolve("kafka").toString(), String.valueOf(port), String.valueOf(freePort()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("kafka.log").toFile()).start();
        try {
            awaitBroker(bootstrap, broker, dir.resolve("kafka.log"));
            TopicCreator.ensure(bootstrap, Topics.all(PARTITIONS), (short) 1);
            int schedulerPort = freePort();
            try (ServiceJvm scheduler = ServiceJvm.start("scheduler", classpath(repo, "scheduler-service"),
                    "io.tideway.scheduler.SchedulerServiceMain", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                            "-Dtideway.kafka.bootstrap-servers=" + bootstrap,
                            "-Dtideway.topics.partitions=" + PARTITIONS,
                            "-Dtideway.instance-id=bench-scheduler",
                            "-Dtideway.scheduler.state-dir=" + dir.resolve("scheduler-state")),
                    Map.of(), schedulerPort, dir.resolve("scheduler.log"));
                 KafkaConsumer<String, byte[]> jobs = consumer(bootstrap)) {
                scheduler.awaitHealthy(Duration.ofMinutes(2));
                measureRounds(m, bootstrap, jobs, schedules, rounds);
            }
        } finally {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        }
        m.detail("Load average before: " + load0 + "; after: " + loadAverage() + " (" + Runtime.getRuntime()
                .availableProcessors() + " cores).");
        return m;
    }

    private static void measureRounds(Measurement m, String bootstrap, KafkaConsumer<String, byte[]> jobs,
                                      int schedules, int rounds) throws Exception {
        String account = "bench" + UUID.randomUUID().toString().substring(0, 6);
        Instant due = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        ZoneOffset zone = ZoneOffset.ofTotalSeconds((int) ((60 - due.getEpochSecond() % 60) % 60));
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            Instant createdAt = Instant.now();
            for (int i = 0; i < schedules; i++) {
                ScheduleDefinition d = definition(account, "s" + i, zone, createdAt);
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, account + "/" + d.getName(),
                        Topics.SCHEDULE_SERDE.encode(d)));
            }
            producer.flush();
        }
        m.detail(schedules + " schedules published in " + Stats.ms((System.nanoTime() - t0) / 1e6) + ", "
                + Duration.between(Instant.now(), due).toSeconds() + " s before the first round.");
        Map<Long, List<Double>> latencies = new HashMap<>();
        Map<Long, Long> earliestStamp = new HashMap<>();
        Instant last = due.plus(rounds - 1L, ChronoUnit.MINUTES);
        Instant deadline = last.plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : jobs.poll(Duration.ofMillis(5))) {
                long readAt = System.currentTimeMillis();
                if (!record.key().startsWith(account + ".")) {
                    continue;
                }
                JobRequest request = Topics.JOB_REQUEST_SERDE.decode(record.value());
                long time = request.getScheduledTime().toEpochMilli();
                latencies.computeIfAbsent(time, k -> new ArrayList<>()).add((double) (readAt - time));
                earliestStamp.merge(time, record.timestamp() - time, Math::min);
            }
            if (latencies.size() >= rounds && latencies.values().stream().allMatch(l -> l.size() >= schedules)) {
                break;
            }
        }
        List<Double> lasts = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        int round = 0;
        for (Instant t = due; !t.isAfter(last); t = t.plus(1, ChronoUnit.MINUTES)) {
            round++;
            List<Double> l = latencies.getOrDefault(t.toEpochMilli(), List.of());
            if (l.size() < schedules) {
                m.detail("Round " + round + " (" + t + "): only " + l.size() + " of " + schedules + " requests read "
                        + "within 30 s of the last round");
                lasts.add(Double.POSITIVE_INFINITY);
                continue;
            }
            double p50 = Stats.percentile(l, 50);
            double max = Stats.max(l);
            p50s.add(p50);
            lasts.add(max);
            m.detail(String.format(Locale.ROOT, "Round %d (%s): %d requests; p50 %.0f ms, p99 %.0f ms, last %.0f ms "
                            + "after due; first stamped %d ms after due", round, t, l.size(), p50,
                    Stats.percentile(l, 99), max, earliestStamp.get(t.toEpochMilli())));
        }
        double worst = Stats.max(lasts); // infinite when a round was not read in full
        m.tideway = String.format(Locale.ROOT, "last readable after %s ms (max over %d rounds); p50 %s ms",
                Double.isInfinite(worst) ? "∞" : String.format(Locale.ROOT, "%.0f", worst), rounds,
                p50s.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f", Stats.percentile(p50s, 50)));
        m.met = worst <= TARGET_MS;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < schedules; i++) {
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, account + "/s" + i, null));
            }
        }
    }

    private static ScheduleDefinition definition(String account, String name, ZoneOffset zone, Instant createdAt) {
        return ScheduleDefinition.newBuilder().setAccountId(account).setName(name).setCron("* * * * *")
                .setTimeZone(zone.getId()).setDelaySeconds(0).setDatabase("testdb").setQuery("SELECT 1")
                .setEngine("presto").setPriority(0).setRetryLimit(0).setDestination(null).setSavedResult(null)
                .setCreatedAt(createdAt).setVersion(0).build();
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOBS).stream()
                .map(i -> new TopicPartition(Topics.JOBS, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void awaitBroker(String bootstrap, Process broker, Path log) throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("The broker exited while starting; see " + log);
                }
                try {
                    admin.describeCluster().nodes().get();
                    return;
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("The broker did not answer within 2 minutes; see " + log);
    }

    private static String classpath(Path repo, String module) throws IOException {
        Path target = repo.resolve(module).resolve("target");
        return target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("runtime-classpath.txt")).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
