package io.tideway.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's supervisor, a long-running process: starts the broker and every service as a child process,
 * writes the stack's status, restarts a child that dies (as an init system would), and on SIGTERM stops the
 * services and then the broker.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    static final int TOPIC_PARTITIONS = 6;

    private final StackHome home;
    private final Path repo;
    private final boolean demoFtp;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private DemoFtpServer ftp;
    private DemoWebServer web;

    Supervisor(StackHome home, Path repo, boolean demoFtp) {
        this.home = home;
        this.repo = repo;
        this.demoFtp = demoFtp;
    }

    /** {@code Supervisor HOME REPO [--no-demo-ftp]}. */
    public static void main(String[] args) throws Exception {
        Supervisor supervisor = new Supervisor(StackHome.open(Path.of(args[0])), Path.of(args[1]),
                !List.of(args).contains("--no-demo-ftp"));
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop, "stack-shutdown"));
        try {
            supervisor.start();
        } catch (Exception e) {
            LOG.error("The local stack did not start: {}", e.getMessage());
            supervisor.writeStatus("failed", e.getMessage());
            System.exit(1);
        }
        supervisor.watch();
    }

    void start() throws InterruptedException {
        writeStatus("starting", null);
        Instant began = Instant.now();
        if (demoFtp) {
            ftp = DemoFtpServer.start(home.port("demo-ftp"), home.dir().resolve("ftp"));
            LOG.info("Demo FTP server at ftp://{}:***@127.0.0.1:{}/ (files in {})", DemoFtpServer.USER,
                    home.port("demo-ftp"), home.dir().resolve("ftp"));
            web = DemoWebServer.start(home.port("demo-web"), home.dir().resolve("web"));
            LOG.info("Demo web server at http://127.0.0.1:{}/ (bodies in {})", home.port("demo-web"),
                    home.dir().resolve("web"));
        }
        ServiceProcess broker = broker();
        startAndAwait(broker);
        TopicCreator.ensure(home.bootstrapServers(), Topics.all(TOPIC_PARTITIONS), (short) 1);
        List<ServiceProcess> apps = List.of(queryService(), schedulerService(), ftpWriter(), webWriter());
        apps.forEach(this::startService);
        for (ServiceProcess app : apps) {
            app.awaitReady(START_TIMEOUT);
        }
        writeFile(home.envFile(), home.envLines());
        LOG.info("Local stack ready in {} ms", Duration.between(began, Instant.now()).toMillis());
        writeStatus("ready", null);
    }

    private void startAndAwait(ServiceProcess service) throws InterruptedException {
        startService(service);
        service.awaitReady(START_TIMEOUT);
    }

    private void startService(ServiceProcess service) {
        services.add(service);
        service.start();
        LOG.info("Started {} (pid {})", service.name(), service.pid().orElse(-1L));
    }

    private ServiceProcess broker() {
        int port = home.port("broker");
        List<String> options = new ArrayList<>(jvm("512m", "kafka"));
        options.add("-Dlogback.configurationFile=" + repo.resolve("launcher/target/classes/broker-logback.xml"));
        return new ServiceProcess("kafka", "io.tideway.broker.LocalBroker", Classpaths.of(repo, "local-broker"),
                options, List.of(home.data("kafka").toString(), String.valueOf(port),
                        String.valueOf(home.brokerControllerPort())), Map.of(), log("kafka"),
                () -> BrokerProbe.accepts(home.bootstrapServers()), home.bootstrapServers());
    }

    private ServiceProcess queryService() {
        String url = home.apiEndpoint();
        List<String> options = new ArrayList<>(jvm("512m", "query-service"));
        options.add("-Dmicronaut.server.port=" + home.port("api"));
        options.add("-Dtideway.kafka.bootstrap-servers=" + home.bootstrapServers());
        options.add("-Dtideway.topics.partitions=" + TOPIC_PARTITIONS);
        options.add("-Dtideway.instance-id=query-service-1");
        options.add("-Dtideway.query.data-dir=" + home.data("query-service"));
        options.add("-Dtideway.query.seed-sample-data=true");
        return new ServiceProcess("query-service", "io.tideway.query.QueryServiceMain",
                Classpaths.of(repo, "query-service"), options, List.of(),
                Map.of("TIDEWAY_SECRET_KEY", home.secretKey(), "TIDEWAY_QUERY_BOOTSTRAP_API_KEY", home.apiKey()),
                log("query-service"), ServiceProcess.healthy(url), url);
    }

    private ServiceProcess schedulerService() {
        String url = "http://127.0.0.1:" + home.port("scheduler");
        List<String> options = new ArrayList<>(jvm("256m", "scheduler-service"));
        options.add("-Dmicronaut.server.port=" + home.port("scheduler"));
        options.add("-Dtideway.kafka.bootstrap-servers=" + home.bootstrapServers());
        options.add("-Dtideway.topics.partitions=" + TOPIC_PARTITIONS);
        options.add("-Dtideway.instance-id=scheduler-1");
        options.add("-Dtideway.scheduler.state-dir=" + home.data("scheduler"));
        return new ServiceProcess("scheduler", "io.tideway.scheduler.SchedulerServiceMain",
                Classpaths.of(repo, "scheduler-service"), options, List.of(), Map.of(), log("scheduler"),
                ServiceProcess.healthy(url), url);
    }

    private ServiceProcess ftpWriter() {
        String url = "http://127.0.0.1:" + home.port("ftp-writer");
        List<String> options = new ArrayList<>(jvm("384m", "ftp-writer"));
        options.add("-Dmicronaut.server.port=" + home.port("ftp-writer"));
        options.add("-Dtideway.kafka.bootstrap-servers=" + home.bootstrapServers());
        options.add("-Dtideway.topics.partitions=" + TOPIC_PARTITIONS);
        options.add("-Dtideway.instance-id=ftp-writer-1");
        return new ServiceProcess("ftp-writer", "io.tideway.ftp.FtpWriterMain", Classpaths.of(repo, "ftp-writer"),
                options, List.of(), Map.of("TIDEWAY_SECRET_KEY", home.secretKey()), log("ftp-writer"),
                ServiceProcess.healthy(url), url);
    }

    private ServiceProcess webWriter() {
        String url = "http://127.0.0.1:" + home.port("web-writer");
        List<String> options = new ArrayList<>(jvm("256m", "web-writer"));
        options.add("-Dmicronaut.server.port=" + home.port("web-writer"));
        options.add("-Dtideway.kafka.bootstrap-servers=" + home.bootstrapServers());
        options.add("-Dtideway.topics.partitions=" + TOPIC_PARTITIONS);
        options.add("-Dtideway.instance-id=web-writer-1");
        // The local stack delivers to servers on this machine, which the writer refuses by default.
        options.add("-Dtideway.web.allowed-networks=127.0.0.0/8,::1/128");
        return new ServiceProcess("web-writer", "io.tideway.web.WebWriterMain", Classpaths.of(repo, "web-writer"),
                options, List.of(), Map.of("TIDEWAY_SECRET_KEY", home.secretKey()), log("web-writer"),
                ServiceProcess.healthy(url), url);
    }

    private List<String> jvm(String heap, String service) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Dtideway.service=" + service);
    }

    private Path log(String service) {
        return home.logs().resolve(service + ".log");
    }

    /** Restarts a child that died, until the stack is stopped. */
    void watch() throws InterruptedException {
        while (!stopping) {
            for (ServiceProcess service : services) {
                if (!stopping && !service.alive()) {
                    LOG.warn("{} exited; restarting it", service.name());
                    service.start();
                    writeStatus("ready", null);
                }
            }
            if (stopped.await(1, TimeUnit.SECONDS)) {
                return;
            }
        }
    }

    void stop() {
        stopping = true;
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (ServiceProcess service : reversed) {
            service.stop(STOP_GRACE);
        }
        if (ftp != null) {
            ftp.close();
            web.close();
        }
        writeStatus("stopped", null);
        stopped.countDown();
    }

    private void writeStatus(String state, String error) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode status = json.createObjectNode()
                .put("state", state)
                .put("supervisorPid", ProcessHandle.current().pid())
                .put("apiEndpoint", home.apiEndpoint());
        if (error != null) {
            status.put("error", error);
        }
        ArrayNode list = status.putArray("services");
        for (ServiceProcess service : services) {
            ObjectNode node = list.addObject().put("name", service.name()).put("url", service.url())
                    .put("restarts", service.restarts()).put("log", service.log().toString());
            service.pid().ifPresentOrElse(pid -> node.put("pid", pid), () -> node.putNull("pid"));
        }
        if (ftp != null) {
            list.addObject().put("name", "demo-ftp").put("url", "ftp://" + DemoFtpServer.USER + ":***@127.0.0.1:"
                    + home.port("demo-ftp") + "/").put("pid", ProcessHandle.current().pid()).put("restarts", 0);
            list.addObject().put("name", "demo-web").put("url", "http://127.0.0.1:" + home.port("demo-web") + "/")
                    .put("pid", ProcessHandle.current().pid()).put("restarts", 0);
        }
        try {
            writeFile(home.statusFile(), json.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", home.statusFile(), e.getMessage());
        }
    }

    /** Replaces a file in one step, so a reader never sees half of it. */
    static void writeFile(Path file, String content) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
