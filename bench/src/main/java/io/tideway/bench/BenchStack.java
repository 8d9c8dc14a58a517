package io.tideway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.client.TDClient;
import com.treasuredata.client.model.TDJobRequest;
import com.treasuredata.client.model.TDJobRequestBuilder;
import io.tideway.launcher.LocalStack;
import io.tideway.launcher.StackHome;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * The local stack the harness runs on, started through the launcher in a directory of its own, with a td-client
 * on its API, a watcher of its job events, and the extra writer JVMs the harness starts beside it. Closing it
 * resumes anything paused, stops the extra JVMs and brings the stack down.
 */
final class BenchStack implements AutoCloseable {

    static final String DEMO_USER = "user";
    static final String DEMO_PASSWORD = "password";

    final Path repo;
    final Path home;
    final LocalStack stack;
    final long upMillis;
    private TDClient client;
    private JobWatcher watcher;
    private final List<ServiceJvm> extra = new ArrayList<>();
    private final Set<Long> paused = new LinkedHashSet<>();

    private BenchStack(Path repo, Path home, LocalStack stack, long upMillis) {
        this.repo = repo;
        this.home = home;
        this.stack = stack;
        this.upMillis = upMillis;
    }

    /** Brings the stack up in {@code home} (timed) and connects to it. */
    static BenchStack up(Path repo, Path home) throws IOException, InterruptedException {
        usePortsOfItsOwn(home);
        LocalStack stack = new LocalStack(repo, home);
        long t0 = System.nanoTime();
        try {
            if (!stack.up(true)) {
                throw new IllegalStateException("A stack is already running in " + home);
            }
        } catch (RuntimeException e) {
            stack.down();
            throw e;
        }
        long upMillis = (System.nanoTime() - t0) / 1_000_000;
        BenchStack bench = new BenchStack(repo, home, stack, upMillis);
        try {
            bench.client = TDClient.newBuilder().setEndpoint("127.0.0.1").setPort(stack.home().port("api"))
                    .setUseSSL(false).setApiKey(stack.home().apiKey()).setRetryLimit(0).build();
            bench.watcher = new JobWatcher(stack.home().bootstrapServers());
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
        return bench;
    }

    StackHome settings() {
        return stack.home();
    }

    JobWatcher watcher() {
        return watcher;
    }

    /** Submits a query on testdb through the v3 API, as td-client users do; returns the job id. */
    String submit(String sql, String resultUrl) {
        TDJobRequest request = new TDJobRequestBuilder().setType("presto").setDatabase("testdb").setQuery(sql)
                .setResultOutput(resultUrl).createTDJobRequest();
        return client.submit(request);
    }

    TDClient client() {
        return client;
    }

    String ftpUrl(String path) {
        return "ftp://" + DEMO_USER + ":" + DEMO_PASSWORD + "@127.0.0.1:" + settings().port("demo-ftp") + "/" + path;
    }

    Path ftpFile(String path) {
        return home.resolve("ftp").resolve(path);
    }

    String webUrl(String path) {
        return "web://127.0.0.1:" + settings().port("demo-web") + "/" + path;
    }

    Path webFile(String path) {
        return home.resolve("web").resolve(path + ".json");
    }

    /** The pid of one of the stack's services, from the supervisor's status file. */
    long pidOf(String service) {
        JsonNode status = stack.status().orElseThrow(() -> new IllegalStateException("No status file in " + home));
        for (JsonNode node : status.path("services")) {
            if (node.path("name").asText().equals(service) && node.hasNonNull("pid")) {
                return node.path("pid").asLong();
            }
        }
        throw new IllegalStateException("No running " + service + " in " + home.resolve("status.json"));
    }

    /** SIGSTOP: the process stays alive (the supervisor does not restart it) but does nothing until resumed. */
    void pause(long pid) throws IOException, InterruptedException {
        signal("STOP", pid);
        paused.add(pid);
    }

    void resume(long pid) throws IOException, InterruptedException {
        signal("CONT", pid);
        paused.remove(pid);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** The class path of a module of the checkout, as the launcher builds it: classes, then runtime-classpath.txt. */
    String classpath(String module) throws IOException {
        Path target = repo.resolve(module).resolve("target");
        Path file = target.resolve("runtime-classpath.txt");
        if (!Files.exists(file) || !Files.isDirectory(target.resolve("classes"))) {
            throw new IllegalStateException("Module " + module + " is not built (no " + file + ")");
        }
        String dependencies = Files.readString(file).strip();
        return target.resolve("classes") + (dependencies.isEmpty() ? "" : File.pathSeparator + dependencies);
    }

    /** Starts another instance of a writer, configured as the supervisor configures its own, with a given heap. */
    ServiceJvm startWriter(String module, String mainClass, String instanceId, String heap, List<String> moreOptions,
                           Path log) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC",
                "-Dtideway.service=" + module, "-Dtideway.kafka.bootstrap-servers=" + settings().bootstrapServers(),
                "-Dtideway.topics.partitions=6", "-Dtideway.instance-id=" + instanceId));
        options.addAll(moreOptions);
        ServiceJvm jvm = ServiceJvm.start(instanceId, classpath(module), mainClass, options,
                Map.of("TIDEWAY_SECRET_KEY", settings().secretKey()), freePort(), log);
        extra.add(jvm);
        return jvm;
    }

    void stop(ServiceJvm jvm) {
        jvm.close();
        extra.remove(jvm);
    }

    /**
     * Waits until the consumer group has exactly {@code members} members, every one holding partitions, all
     * {@code partitions} assigned, and (when given) a member whose client id contains {@code mustInclude}.
     * Returns a description of the assignment.
     */
    String awaitGroup(String group, int members, int partitions, String mustInclude, Duration timeout)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings().bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                            .get(10, TimeUnit.SECONDS).get(group);
                    Collection<MemberDescription> ms = d.members();
                    int assigned = ms.stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                    boolean everyoneWorks = ms.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    boolean included = mustInclude == null
                            || ms.stream().anyMatch(m -> m.clientId().contains(mustInclude));
                    StringBuilder text = new StringBuilder(d.groupState() + ": ");
                    ms.forEach(m -> text.append(m.clientId()).append(" ")
                            .append(m.assignment().topicPartitions().stream().map(tp -> tp.partition())
                                    .sorted().toList()).append("; "));
                    last = text.toString();
                    if (ms.size() == members && assigned == partitions && everyoneWorks && included
                            && d.groupState().toString().equalsIgnoreCase("stable")) {
                        return last;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e.getMessage();
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Group " + group + " did not settle with " + members + " members within "
                + timeout.toSeconds() + " s; last seen: " + last);
    }

    /**
     * Gives a fresh stack home free ports of its own for the API and the demo servers instead of the defaults
     * (8080, 2121, 8081), which other stacks on a shared machine may take between the choice and the start.
     */
    static void usePortsOfItsOwn(Path home) throws IOException {
        Path file = home.resolve("stack.properties");
        if (java.nio.file.Files.exists(file)) {
            return;
        }
        java.nio.file.Files.createDirectories(home);
        java.util.Properties p = new java.util.Properties();
        for (String name : List.of("api", "demo-ftp", "demo-web")) {
            p.setProperty(name + ".port", String.valueOf(freePort()));
        }
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            p.store(out, "ports chosen by the benchmark harness");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Long pid : List.copyOf(paused)) {
            try {
                resume(pid);
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not resume pid " + pid + ": " + e.getMessage());
            }
        }
        for (ServiceJvm jvm : List.copyOf(extra)) {
            jvm.close();
        }
        extra.clear();
        if (watcher != null) {
            watcher.close();
        }
        if (client != null) {
            client.close();
        }
        stack.down();
    }
}
