package io.tideway.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's supervisor, a long-running process: starts the broker and every service as a child process,
 * writes the stack's status, restarts a child that dies (as an init system would), keeps as many instances of each
 * writer as {@code stack.properties} says (re-read every second, so {@code bin/tideway scale} acts on a running
 * stack), and on SIGTERM stops the services and then the broker.
 *
 * <p>Start-up is arranged for speed: the services are started together as soon as the broker listens (each waits
 * for Kafka itself and creates the topics it needs), every JVM maps a class-data sharing archive recorded at its
 * first clean stop ({@link ClassDataSharing}), and the scheduler, which moves no data, runs on the C1 compiler only.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** A JVM writing its class-data sharing archive on the way out (once) gets longer, with the others doing so. */
    private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(50);
    static final int TOPIC_PARTITIONS = 6;

    /** A writer service, which runs from the module of its name: its main class and heap. */
    private record Writer(String name, String mainClass, String heap, List<String> options) {
        String module() {
            return name;
        }
    }

    private static final List<Writer> WRITERS = List.of(
            new Writer("ftp-writer", "io.tideway.ftp.FtpWriterMain", "384m", List.of()),
            // The local stack delivers to servers on this machine, which the writer refuses by default.
            new Writer("web-writer", "io.tideway.web.WebWriterMain", "256m",
                    List.of("-Dtideway.web.allowed-networks=127.0.0.0/8,::1/128")),
            new Writer("td-writer", "io.tideway.td.TdWriterMain", "256m", List.of()));

    private volatile StackHome home;
    private final Path repo;
    private final boolean demoFtp;
    private final ClassDataSharing cds;
    private final Map<String, List<String>> extraJvmOptions;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile boolean stopping;
    private DemoFtpServer ftp;
    private DemoWebServer web;

    Supervisor(StackHome home, Path repo, boolean demoFtp, boolean classDataSharing,
               Map<String, List<String>> extraJvmOptions) {
        this.home = home;
        this.repo = repo;
        this.demoFtp = demoFtp;
        this.cds = new ClassDataSharing(home.cds(), classDataSharing);
        this.extraJvmOptions = extraJvmOptions;
    }

    /** {@code Supervisor HOME REPO [--no-demo-ftp] [--no-cds] [--jvm SERVICE=OPTIONS]...}. */
    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        Map<String, List<String>> jvm = new HashMap<>();
        for (int i = 2; i < args.length - 1; i++) {
            if (args[i].equals("--jvm")) {
                String[] option = args[++i].split("=", 2);
                jvm.computeIfAbsent(option[0], k -> new ArrayList<>())
                        .addAll(Arrays.asList(option[1].strip().split("\\s+")));
            }
        }
        Supervisor supervisor = new Supervisor(StackHome.open(Path.of(args[0])), Path.of(args[1]),
                !list.contains("--no-demo-ftp"), !list.contains("--no-cds"), jvm);
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
        checkPorts();
        if (demoFtp) {
            ftp = DemoFtpServer.start(home.port("demo-ftp"), home.dir().resolve("ftp"));
            LOG.info("Demo FTP server at ftp://{}:***@127.0.0.1:{}/ (files in {})", DemoFtpServer.USER,
                    home.port("demo-ftp"), home.dir().resolve("ftp"));
            web = DemoWebServer.start(home.port("demo-web"), home.dir().resolve("web"));
            LOG.info("Demo web server at http://127.0.0.1:{}/ (bodies in {})", home.port("demo-web"),
                    home.dir().resolve("web"));
        }
        ServiceProcess broker = broker();
        startService(broker);
        awaitListening(broker, home.port("broker"));
        LOG.info("Kafka listens after {} ms; starting the services", Duration.between(began, Instant.now()).toMillis());
        List<ServiceProcess> apps = new ArrayList<>(List.of(queryService(), schedulerService()));
        for (Writer writer : WRITERS) {
            if (isBuilt(writer)) {
                for (int i = 1; i <= home.scale(writer.name()); i++) {
                    apps.add(writer(writer, i));
                }
            } else {
                LOG.info("Skipping {}: module {} is not built (no {})", writer.name(), writer.module(),
                        repo.resolve(writer.module()).resolve("target/runtime-classpath.txt"));
            }
        }
        apps.forEach(this::startService);
        broker.awaitReady(START_TIMEOUT);
        // The services create the topics too; this makes sure they exist before the stack says it is ready.
        TopicCreator.ensure(home.bootstrapServers(), Topics.all(TOPIC_PARTITIONS), (short) 1);
        for (ServiceProcess app : apps) {
            app.awaitReady(START_TIMEOUT);
            LOG.info("{} ready after {} ms", app.instance(), Duration.between(began, Instant.now()).toMillis());
        }
        writeFile(home.envFile(), home.envLines());
        Map<String, String> classpaths = new HashMap<>(Map.of("supervisor", System.getProperty("java.class.path")));
        services.forEach(s -> classpaths.put(s.name(), s.classpath()));
        cds.removeUnused(classpaths);
        LOG.info("Local stack ready in {} ms", Duration.between(began, Instant.now()).toMillis());
        writeStatus("ready", null);
    }

    /**
     * Makes sure no other process holds a port of the stack, since a service's readiness is asked on its port: an
     * internal port taken since it was chosen is chosen again; the ports users point tools at make the start fail.
     */
    private void checkPorts() {
        List<String> internal = new ArrayList<>(List.of("scheduler"));
        for (Writer writer : WRITERS) {
            for (int i = 1; i <= home.scale(writer.name()); i++) {
                internal.add(i == 1 ? writer.name() : writer.name() + "-" + i);
            }
        }
        internal.forEach(this::ensureFreePort);
        List<String> fixed = new ArrayList<>(List.of("broker", "api"));
        if (demoFtp) {
            fixed.addAll(List.of("demo-ftp", "demo-web"));
        }
        for (String name : fixed) {
            if (!StackHome.isFree(home.port(name))) {
                throw new IllegalStateException("Port " + home.port(name) + " (" + name + ".port in "
                        + home.dir().resolve("stack.properties") + ") is taken by another process; stop it, or "
                        + "set another port there");
            }
        }
        if (!StackHome.isFree(home.brokerControllerPort())) {
            throw new IllegalStateException("Port " + home.brokerControllerPort() + " (broker.controller-port in "
                    + home.dir().resolve("stack.properties") + ") is taken by another process; stop it, or set "
                    + "another port there");
        }
    }

    /** Chooses (and keeps) a new port for an internal service if it has none yet or another process holds it. */
    private void ensureFreePort(String name) {
        if (!home.hasPort(name)) {
            home = home.withNewPort(name);
        } else if (!StackHome.isFree(home.port(name))) {
            LOG.warn("Port {} of {} is taken by another process; choosing another", home.port(name), name);
            home = home.withNewPort(name);
        }
    }

    /** Waits until a process accepts TCP connections on a loopback port (quicker to tell than full readiness). */
    private static void awaitListening(ServiceProcess service, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (!service.alive()) {
                    service.awaitReady(Duration.ZERO); // throws with the end of its log
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service.name() + " did not listen on port " + port + " after "
                            + START_TIMEOUT.toSeconds() + " s; see " + service.log());
                }
                Thread.sleep(100);
            }
        }
    }

    private boolean isBuilt(Writer writer) {
        return Files.exists(repo.resolve(writer.module()).resolve("target/runtime-classpath.txt"));
    }

    private void startService(ServiceProcess service) {
        if (stopping) {
            throw new IllegalStateException("The local stack is stopping");
        }
        int after = -1;
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(service.name())) {
                after = i;
            }
        }
        services.add(after < 0 ? services.size() : after + 1, service);
        service.start();
        LOG.info("Started {} (pid {})", service.instance(), service.pid().orElse(-1L));
    }

    private ServiceProcess broker() {
        int port = home.port("broker");
        List<String> options = new ArrayList<>(jvm("512m", "kafka"));
        options.add("-Dlogback.configurationFile=" + repo.resolve("launcher/target/classes/broker-logback.xml"));
        options.addAll(extra("kafka"));
        return new ServiceProcess("kafka", "kafka", "io.tideway.broker.LocalBroker",
                cds.launch(repo, "local-broker", "kafka", "kafka"), options,
                List.of(home.data("kafka").toString(), String.valueOf(port), String.valueOf(home.brokerControllerPort())),
                Map.of(), log("kafka"), () -> BrokerProbe.accepts(home.bootstrapServers()), home.bootstrapServers());
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
        options.addAll(extra("query-service"));
        return new ServiceProcess("query-service", "query-service", "io.tideway.query.QueryServiceMain",
                cds.launch(repo, "query-service", "query-service", "query-service"), options, List.of(),
                Map.of("TIDEWAY_SECRET_KEY", home.secretKey(), "TIDEWAY_QUERY_BOOTSTRAP_API_KEY", home.apiKey()),
                log("query-service"), ServiceProcess.healthy(url), url);
    }

    private ServiceProcess schedulerService() {
        String url = "http://127.0.0.1:" + home.port("scheduler");
        List<String> options = new ArrayList<>(jvm("256m", "scheduler-service"));
        // It fires ticks and moves no result data: the C1 compiler alone starts it sooner and is quick enough.
        options.add("-XX:TieredStopAtLevel=1");
        options.add("-Dmicronaut.server.port=" + home.port("scheduler"));
        options.add("-Dtideway.kafka.bootstrap-servers=" + home.bootstrapServers());
        options.add("-Dtideway.topics.partitions=" + TOPIC_PARTITIONS);
        options.add("-Dtideway.instance-id=scheduler-1");
        options.add("-Dtideway.scheduler.state-dir=" + home.data("scheduler"));
        options.addAll(extra("scheduler"));
        return new ServiceProcess("scheduler", "scheduler", "io.tideway.scheduler.SchedulerServiceMain",
                cds.launch(repo, "scheduler-service", "scheduler", "scheduler"), options, List.of(), Map.of(),
                log("scheduler"), ServiceProcess.healthy(url), url);
    }

    /** Instance {@code number} (from 1) of a writer: its own port, log and instance id, in the writer's group. */
    private ServiceProcess writer(Writer writer, int number) {
        String instance = writer.name() + "-" + number;
        int port = home.instancePort(writer.name(), number);
        String url = "http://127.0.0.1:" + port;
        List<String> options = new ArrayList<>(jvm(writer.heap(), writer.name()));
        options.add("-Dmicronaut.server.port=" + port);
        options.add("-Dtideway.kafka.bootstrap-servers=" + home.bootstrapServers());
        options.add("-Dtideway.topics.partitions=" + TOPIC_PARTITIONS);
        options.add("-Dtideway.instance-id=" + instance);
        options.addAll(writer.options());
        options.addAll(extra(writer.name()));
        // The first instance logs where a single writer always has, so that `bin/tideway logs ftp-writer` finds it.
        return new ServiceProcess(writer.name(), instance, writer.mainClass(),
                cds.launch(repo, writer.module(), writer.name(), instance), options, List.of(),
                Map.of("TIDEWAY_SECRET_KEY", home.secretKey()), log(number == 1 ? writer.name() : instance),
                ServiceProcess.healthy(url), url);
    }

    private List<String> jvm(String heap, String service) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Dtideway.service=" + service);
    }

    /** The options given with {@code up --jvm SERVICE=OPTIONS}, after the stack's own so that they win. */
    private List<String> extra(String service) {
        return extraJvmOptions.getOrDefault(service, List.of());
    }

    private Path log(String service) {
        return home.logs().resolve(service + ".log");
    }

    /**
     * Until the stack is stopped, every second: restarts a child that died, asks a (re)started one whether it is
     * ready yet, and starts or stops writer instances to match {@code stack.properties}.
     */
    void watch() throws InterruptedException {
        while (!stopping) {
            boolean waiting;
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                boolean changed = rescale();
                for (ServiceProcess service : services) {
                    if (!service.alive()) {
                        LOG.warn("{} exited; restarting it", service.instance());
                        service.start();
                        changed = true;
                    } else if (!service.ready() && service.probe()) {
                        LOG.info("{} is ready (pid {})", service.instance(), service.pid().orElse(-1L));
                        changed = true;
                    }
                }
                if (changed) {
                    writeStatus("ready", null);
                }
                waiting = services.stream().anyMatch(s -> !s.ready());
            }
            if (stopped.await(waiting ? 250 : 1000, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Starts or stops instances of each writer to match the scale in stack.properties; true if it did. */
    private boolean rescale() {
        try {
            home = home.reload();
        } catch (UncheckedIOException e) {
            LOG.warn("Cannot read the stack's settings: {}", e.getMessage());
            return false;
        }
        boolean changed = false;
        for (Writer writer : WRITERS) {
            List<ServiceProcess> running = services.stream().filter(s -> s.name().equals(writer.name())).toList();
            int wanted = home.scale(writer.name());
            if (running.isEmpty()) {
                continue; // not built when the stack started: it joins at the next up
            }
            for (int i = running.size() + 1; i <= wanted; i++) {
                try {
                    ensureFreePort(i == 1 ? writer.name() : writer.name() + "-" + i);
                    startService(writer(writer, i));
                    changed = true;
                } catch (RuntimeException e) {
                    LOG.warn("Cannot start {}-{}: {}", writer.name(), i, e.getMessage());
                    break;
                }
            }
            for (int i = running.size(); i > wanted; i--) {
                ServiceProcess extra = running.get(i - 1);
                LOG.info("Stopping {} (scaled to {})", extra.instance(), wanted);
                services.remove(extra);
                extra.stop(grace(extra));
                changed = true;
            }
        }
        return changed;
    }

    void stop() {
        stopping = true;
        synchronized (lock) {
            List<ServiceProcess> reversed = new ArrayList<>(services);
            Collections.reverse(reversed);
            // The services stop together (each may write its class-data sharing archive on the way out), then Kafka.
            List<Thread> stops = new ArrayList<>();
            for (ServiceProcess service : reversed) {
                if (!service.name().equals("kafka")) {
                    stops.add(started(new Thread(() -> service.stop(grace(service)), "stop-" + service.instance())));
                }
            }
            for (Thread thread : stops) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reversed.stream().filter(s -> s.name().equals("kafka")).forEach(s -> s.stop(grace(s)));
            if (ftp != null) {
                ftp.close();
                web.close();
            }
            writeStatus("stopped", null);
            stopped.countDown();
        }
    }

    private static Duration grace(ServiceProcess service) {
        return service.records() ? RECORDING_STOP_GRACE : STOP_GRACE;
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    private synchronized void writeStatus(String state, String error) {
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
            ObjectNode node = list.addObject().put("name", service.name()).put("instance", service.instance())
                    .put("url", service.url()).put("ready", service.ready()).put("restarts", service.restarts())
                    .put("log", service.log().toString());
            service.pid().ifPresentOrElse(pid -> node.put("pid", pid), () -> node.putNull("pid"));
        }
        if (ftp != null) {
            list.addObject().put("name", "demo-ftp").put("url", "ftp://" + DemoFtpServer.USER + ":***@127.0.0.1:"
                    + home.port("demo-ftp") + "/").put("pid", ProcessHandle.current().pid()).put("restarts", 0).put("ready", true);
            list.addObject().put("name", "demo-web").put("url", "http://127.0.0.1:" + home.port("demo-web") + "/")
                    .put("pid", ProcessHandle.current().pid()).put("restarts", 0).put("ready", true);
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
