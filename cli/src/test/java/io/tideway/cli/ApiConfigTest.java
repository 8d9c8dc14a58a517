package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the endpoint and the key come from: environment, then ~/.td/td.conf, then the local stack's file. */
class ApiConfigTest {

    @TempDir
    Path dir;

    private Path home;
    private Path work;
    private final Map<String, String> vars = new HashMap<>();

    @BeforeEach
    void dirs() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        work = Files.createDirectories(dir.resolve("work"));
    }

    @Test
    void environmentWinsOverTheToolbeltsFileAndTheStackFile() throws IOException {
        tdConf("http://conf:1", "conf-key");
        stackEnv(work, "http://stack:2", "stack-key");
        vars.put("TD_API_SERVER", "http://env:3");
        vars.put("TD_API_KEY", "env-key");

        ApiConfig config = resolve();

        assertThat(config.endpoint()).isEqualTo(URI.create("http://env:3"));
        assertThat(config.apiKey()).isEqualTo("env-key");
        assertThat(config.keySource()).isEqualTo("the environment");
    }

    @Test
    void theToolbeltsFileWinsOverTheStackFile() throws IOException {
        tdConf("http://conf:1", "conf-key");
        stackEnv(work, "http://stack:2", "stack-key");

        ApiConfig config = resolve();

        assertThat(config.endpoint()).isEqualTo(URI.create("http://conf:1"));
        assertThat(config.apiKey()).isEqualTo("conf-key");
        assertThat(config.keySource()).endsWith(Path.of(".td", "td.conf").toString());
    }

    @Test
    void theStackFileInTheWorkingDirectoryIsTheLastResort() throws IOException {
        stackEnv(work, "http://127.0.0.1:8080", "1/abc");

        ApiConfig config = resolve();

        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(config.apiKey()).isEqualTo("1/abc");
    }

    @Test
    void theStackFileUnderTidewayHomeComesBeforeTheWorkingDirectorys() throws IOException {
        Path tidewayHome = Files.createDirectories(dir.resolve("tideway"));
        Files.writeString(tidewayHome.resolve("stack.env"), "export TD_API_SERVER=http://home:1\nexport TD_API_KEY=home-key\n");
        stackEnv(work, "http://work:2", "work-key");
        vars.put("TIDEWAY_HOME", tidewayHome.toString());

        assertThat(resolve().endpoint()).isEqualTo(URI.create("http://home:1"));
    }

    @Test
    void eachSettingComesFromTheFirstSourceThatHasIt() throws IOException {
        tdConf(null, "conf-key");
        stackEnv(work, "http://stack:2", "stack-key");
        vars.put("TD_API_KEY", "env-key");

        ApiConfig config = resolve();

        assertThat(config.apiKey()).isEqualTo("env-key");
        assertThat(config.endpoint()).isEqualTo(URI.create("http://stack:2"));
        assertThat(config.endpointSource()).endsWith("stack.env");
    }

    @Test
    void readsTheToolbeltsFileFromTdConfigPath() throws IOException {
        Path conf = Files.writeString(dir.resolve("other.conf"), "[account]\napikey = other\nendpoint = other:9\n");
        vars.put("TD_CONFIG_PATH", conf.toString());

        assertThat(resolve().apiKey()).isEqualTo("other");
    }

    @Test
    void readsOnlyTheAccountSectionOfTheToolbeltsFile() throws IOException {
        Files.createDirectories(home.resolve(".td"));
        Files.writeString(home.resolve(".td/td.conf"),
                "[other]\n  apikey = wrong\n[account]\n  user = me@example.com\n  apikey = right\n"
                        + "  endpoint = http://127.0.0.1:8080\n");

        assertThat(resolve().apiKey()).isEqualTo("right");
    }

    @Test
    void readsQuotedValuesOfTheStackFile() throws IOException {
        Files.createDirectories(work.resolve(".tideway"));
        Files.writeString(work.resolve(".tideway/stack.env"),
                "# written by bin/tideway up\nexport TD_API_SERVER='http://127.0.0.1:8080'\n"
                        + "export TD_API_KEY=\"1/0123\"\nexport OTHER=x\n");

        ApiConfig config = resolve();

        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(config.apiKey()).isEqualTo("1/0123");
    }

    @Test
    void aHostAndPortMeansPlainHttpAndABareHostMeansHttps() {
        assertThat(ApiConfig.endpointUri("127.0.0.1:8080")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(ApiConfig.endpointUri("api.treasuredata.com")).isEqualTo(URI.create("https://api.treasuredata.com"));
        assertThat(ApiConfig.endpointUri("example.com:443")).isEqualTo(URI.create("https://example.com:443"));
        assertThat(ApiConfig.endpointUri("http://127.0.0.1:8080/")).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void saysHowToSetThemWhenNothingIsConfigured() {
        assertThatThrownBy(this::resolve).isInstanceOf(CliException.class)
                .hasMessageContaining("No API key or API server is configured")
                .hasMessageContaining("eval \"$(bin/tideway env)\"").hasMessageContaining("TD_API_KEY");
    }

    @Test
    void saysWhichSettingIsMissing() {
        vars.put("TD_API_KEY", "k");

        assertThatThrownBy(this::resolve).hasMessageStartingWith("No API server is configured.");
    }

    private ApiConfig resolve() {
        return ApiConfig.resolve(new Environment(vars, home, work));
    }

    private void tdConf(String endpoint, String apikey) throws IOException {
        Files.createDirectories(home.resolve(".td"));
        Files.writeString(home.resolve(".td/td.conf"), "[account]\n  user = me@example.com\n  apikey = " + apikey
                + "\n" + (endpoint == null ? "" : "  endpoint = " + endpoint + "\n"));
    }

    private static void stackEnv(Path base, String server, String key) throws IOException {
        Files.createDirectories(base.resolve(".tideway"));
        Files.writeString(base.resolve(".tideway/stack.env"),
                "export TD_API_SERVER=" + server + "\nexport TD_API_KEY=" + key + "\n");
    }
}
