package io.tideway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.schemas.TopicSpec;
import io.tideway.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The invariants of docker-compose.yml and docker/ that a mistake would break silently, checked without Docker:
 * pinned images, settings by environment only, scalable writers, the topics the init service creates.
 */
class ComposeFileTest {

    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARG_REFERENCE = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?$");
    private static final Pattern CREATE = Pattern.compile("^create\\s+(\\S+)\\s+(\\S+)((?:\\s+[^\\s=]+=\\S+)*)\\s*$");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void pinsEveryImageToATagThatIsNotLatest() {
        compose.services().forEach((name, service) -> {
            String image = Yamls.string(Yamls.map(service, name).get("image"));
            assertThat(image).as("image of %s", name).isNotNull();
            assertPinned(image, "image of " + name);
            buildArgs(name).forEach((arg, value) -> {
                if (arg.endsWith("_IMAGE")) {
                    assertPinned(value, "build argument " + arg + " of " + name);
                }
            });
        });
    }

    @Test
    void takesEveryBaseImageOfTheDockerfilesFromComposeBuildArguments() throws IOException {
        for (String name : compose.services().keySet()) {
            Path dockerfile = dockerfile(name);
            if (dockerfile == null) {
                continue;
            }
            Set<String> stages = new TreeSet<>();
            for (String line : Files.readAllLines(dockerfile)) {
                Matcher from = FROM.matcher(line.strip());
                if (!from.find()) {
                    continue;
                }
                String base = from.group(1);
                Matcher arg = ARG_REFERENCE.matcher(base);
                if (arg.matches()) {
                    assertThat(buildArgs(name)).as("%s passes %s, the base image of %s", name, arg.group(1), dockerfile)
                            .containsKey(arg.group(1));
                } else if (!stages.contains(base)) {
                    assertPinned(base, "FROM " + base + " in " + dockerfile);
                }
                if (from.group(2) != null) {
                    stages.add(from.group(2));
                }
            }
        }
    }

    @Test
    void buildsEachTidewayServiceFromItsModuleAndMainClass() {
        assertThat(tidewayServices()).containsExactlyInAnyOrderElementsOf(ComposeFile.TIDEWAY_SERVICES.keySet());
        ComposeFile.TIDEWAY_SERVICES.forEach((name, main) -> {
            Map<String, String> args = buildArgs(name);
            assertThat(args).as("build arguments of %s", name)
                    .containsEntry("SERVICE", name).containsEntry("MAIN", main);
            Path source = ComposeFile.repository().resolve(name).resolve("src/main/java")
                    .resolve(main.replace('.', '/') + ".java");
            assertThat(source).as("main class of %s", name).exists();
            assertThat(Yamls.string(compose.service(name).get("image")))
                    .as("image of %s follows the build's version", name)
                    .isEqualTo("tideway/" + name + ":" + System.getProperty("tideway.version", "0.1.0-SNAPSHOT"));
        });
    }

    @Test
    void configuresEveryTidewayServiceOnlyThroughItsEnvironment() {
        for (String name : tidewayServices()) {
            Map<String, Object> service = compose.service(name);
            Map<String, String> env = compose.environment(name);
            assertThat(env).as("environment of %s", name)
                    .containsEntry("TIDEWAY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("MICRONAUT_SERVER_PORT", "8080");
            assertThat(env.keySet()).as("environment names of %s bind to Micronaut properties", name)
                    .allMatch(key -> key.matches("(TIDEWAY|MICRONAUT|JAVA)_[A-Z0-9_]+"));
            assertThat(service).as("%s takes no command, entry point or env file", name)
                    .doesNotContainKeys("command", "entrypoint", "env_file", "configs");
        }
        for (String name : List.of("query-service", "ftp-writer", "web-writer", "td-writer")) {
            assertThat(compose.environment(name)).as("environment of %s", name).containsKey("TIDEWAY_SECRET_KEY");
        }
        assertThat(compose.environment("query-service")).containsKeys("TIDEWAY_QUERY_BOOTSTRAP_API_KEY",
                "TIDEWAY_QUERY_DATA_DIR", "TIDEWAY_QUERY_PUBLIC_ENDPOINT");
        assertThat(compose.environment("scheduler-service")).containsKey("TIDEWAY_SCHEDULER_STATE_DIR")
                .doesNotContainKey("TIDEWAY_SECRET_KEY");
    }

    @Test
    void givesTheQueryServiceAndTheWritersOneValidSecretKey() {
        Set<String> keys = Set.of("query-service", "ftp-writer", "web-writer", "td-writer").stream()
                .map(name -> compose.environment(name).get("TIDEWAY_SECRET_KEY")).collect(Collectors.toSet());
        assertThat(keys).hasSize(1);
        assertThat(Base64.getDecoder().decode(keys.iterator().next())).hasSize(32);
        assertThat(compose.environment("query-service").get("TIDEWAY_QUERY_BOOTSTRAP_API_KEY"))
                .matches("1/[0-9a-f]{40}");
    }

    @Test
    void startsTidewayServicesHealthyAfterTheTopicsExist() {
        for (String name : tidewayServices()) {
            Map<String, Object> service = compose.service(name);
            List<?> test = Yamls.list(Yamls.map(service.get("healthcheck"), name + ".healthcheck").get("test"),
                    name + ".healthcheck.test");
            assertThat(test).as("health check of %s", name).isNotEmpty()
                    .anySatisfy(part -> assertThat(String.valueOf(part)).endsWith("healthcheck.sh"));
            assertThat(condition(name, "kafka-init")).as("%s waits for the topics", name)
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(condition("kafka-init", "kafka")).isEqualTo("service_healthy");
        for (String name : compose.services().keySet()) {
            if (!name.equals("kafka-init")) {
                assertThat(compose.service(name)).as("%s has a health check", name).containsKey("healthcheck");
            }
        }
    }

    @Test
    void letsTheWritersScale() {
        for (String writer : ComposeFile.WRITERS) {
            assertThat(compose.service(writer)).as("%s can run several instances", writer)
                    .doesNotContainKeys("container_name", "ports", "hostname");
            assertThat(compose.environment(writer)).as("each instance of %s names itself", writer)
                    .doesNotContainKey("TIDEWAY_INSTANCE_ID");
        }
        for (String name : compose.services().keySet()) {
            assertThat(compose.service(name)).as("%s has no fixed container name", name)
                    .doesNotContainKey("container_name");
        }
    }

    @Test
    void runsKafkaInKraftModeWithoutAutoCreatedTopics() {
        Map<String, String> env = compose.environment("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false").containsKey("CLUSTER_ID");
        assertThat(volumeTargets("kafka")).containsEntry("kafka-data", env.get("KAFKA_LOG_DIRS"));
        assertThat(Yamls.string(compose.service("kafka-init").get("image")))
                .isEqualTo(Yamls.string(compose.service("kafka").get("image")));
    }

    @Test
    void createsTheTopicsTheServicesDeclare() throws IOException {
        String partitions = compose.environment("kafka-init").get("TIDEWAY_TOPICS_PARTITIONS");
        for (String name : tidewayServices()) {
            assertThat(compose.environment(name).get("TIDEWAY_TOPICS_PARTITIONS")).as("partitions of %s", name)
                    .isEqualTo(partitions);
        }
        Map<String, TopicSpec> expected = new TreeMap<>();
        Topics.all(Integer.parseInt(partitions)).forEach(t -> expected.put(t.name(), t));
        assertThat(initScriptTopics(Integer.parseInt(partitions))).isEqualTo(expected);
    }

    @Test
    void letsTheWebWriterReachTheDemoNetworkOnly() {
        Map<String, Object> demo = Yamls.map(Yamls.map(compose.root().get("networks"), "networks").get("demo"),
                "networks.demo");
        List<?> pools = Yamls.list(Yamls.map(demo.get("ipam"), "networks.demo.ipam").get("config"), "ipam.config");
        String subnet = Yamls.string(Yamls.map(pools.get(0), "ipam.config[0]").get("subnet"));
        assertThat(compose.environment("web-writer")).containsEntry("TIDEWAY_WEB_ALLOWED_NETWORKS", subnet);
        assertThat(networks("web-writer")).contains("demo");
        assertThat(networks("ftp-writer")).contains("demo");
        assertThat(networks("demo-web")).containsExactly("demo");
        assertThat(networks("demo-ftp")).containsExactly("demo");
    }

    @Test
    void keepsTheWarehouseTheSchedulerStateAndKafkaDataInNamedVolumes() {
        Set<String> declared = Yamls.map(compose.root().get("volumes"), "volumes").keySet();
        assertThat(declared).contains("kafka-data", "warehouse", "scheduler-state");
        assertThat(volumeTargets("query-service"))
                .containsEntry("warehouse", compose.environment("query-service").get("TIDEWAY_QUERY_DATA_DIR"));
        assertThat(volumeTargets("scheduler-service")).containsEntry("scheduler-state",
                compose.environment("scheduler-service").get("TIDEWAY_SCHEDULER_STATE_DIR"));
    }

    private static void assertPinned(String image, String what) {
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        assertThat(colon).as("%s (%s) names a tag", what, image).isGreaterThan(slash);
        String tag = reference.substring(colon + 1);
        assertThat(tag).as("tag of %s (%s)", what, image).isNotBlank().isNotEqualTo("latest");
    }

    private Set<String> tidewayServices() {
        return compose.services().keySet().stream()
                .filter(name -> "docker/Dockerfile".equals(Yamls.string(build(name).get("dockerfile"))))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, Object> build(String service) {
        Object build = compose.service(service).get("build");
        return build instanceof String context ? Map.of("context", context) : Yamls.map(build, service + ".build");
    }

    private Map<String, String> buildArgs(String service) {
        return Yamls.stringMap(build(service).get("args"), service + ".build.args");
    }

    private Path dockerfile(String service) {
        Map<String, Object> build = build(service);
        if (build.isEmpty()) {
            return null;
        }
        Path context = ComposeFile.repository().resolve(Yamls.string(build.get("context")));
        Object dockerfile = build.get("dockerfile");
        return context.resolve(dockerfile == null ? "Dockerfile" : String.valueOf(dockerfile)).normalize();
    }

    private String condition(String service, String dependency) {
        Map<String, Object> dependsOn = Yamls.map(compose.service(service).get("depends_on"), service + ".depends_on");
        return Yamls.string(Yamls.map(dependsOn.get(dependency), service + ".depends_on." + dependency).get("condition"));
    }

    private List<String> networks(String service) {
        Object networks = compose.service(service).get("networks");
        return networks instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf).toList()
                : Yamls.list(networks, service + ".networks").stream().map(String::valueOf).toList();
    }

    /** Named volumes of a service: volume name to the path it is mounted at. */
    private Map<String, String> volumeTargets(String service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object volume : Yamls.list(compose.service(service).get("volumes"), service + ".volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && !parts[0].startsWith(".") && !parts[0].startsWith("/")) {
                out.put(parts[0], parts[1]);
            }
        }
        return out;
    }

    /** The topics docker/kafka-init/create-topics.sh creates: its `create NAME PARTITIONS CONFIG=VALUE...` lines. */
    private static Map<String, TopicSpec> initScriptTopics(int partitions) throws IOException {
        Path script = ComposeFile.repository().resolve("docker/kafka-init/create-topics.sh");
        Map<String, TopicSpec> topics = new TreeMap<>();
        for (String line : Files.readAllLines(script)) {
            Matcher create = CREATE.matcher(line.strip());
            if (!create.matches()) {
                continue;
            }
            String count = create.group(2);
            int n = count.equals("\"${partitions}\"") ? partitions : Integer.parseInt(count);
            Map<String, String> configs = new LinkedHashMap<>();
            Arrays.stream(create.group(3).strip().split("\\s+")).filter(s -> !s.isEmpty())
                    .forEach(c -> configs.put(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1)));
            topics.put(create.group(1), new TopicSpec(create.group(1), n, Map.copyOf(configs)));
        }
        return topics;
    }
}
