package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected failures: a clear sentence on standard error, a non-zero exit, never a stack trace. */
class ErrorHandlingTest {

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer().json("GET", "/v3/database/list", "{\"databases\":[]}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRefusedApiKeySaysSoAndHowToSetIt() {
        Environment env = new Environment(Map.of("TD_API_SERVER", server.endpoint(), "TD_API_KEY", "1/wrong"),
                dir, dir);

        Td.Result result = Td.run(env, "db:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("Error: The API key is missing or wrong (HTTP 401: API key is invalid)")
                .contains("read from the environment", "eval \"$(bin/tideway env)\"", "TD_API_KEY")
                .doesNotContain("Exception", "\tat ");
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("TD1 1/wrong"));
    }

    @Test
    void anUnreachableServerIsNamedWithAHintToStartTheStack() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Environment env = new Environment(Map.of("TD_API_SERVER", "127.0.0.1:" + closedPort,
                "TD_API_KEY", FakeTdServer.API_KEY), dir, dir);

        Td.Result result = Td.run(env, "query", "-d", "testdb", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: The API server at http://127.0.0.1:" + closedPort
                + " is not reachable (connection refused). Start the local stack with bin/tideway up, or point "
                + "TD_API_SERVER at a running server.\n");
    }

    @Test
    void withNothingConfiguredItSaysHowToConfigure() {
        Td.Result result = Td.run(new Environment(Map.of(), dir, dir), "db:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("No API key or API server is configured",
                "eval \"$(bin/tideway env)\"");
    }

    @Test
    void usesTheLocalStacksFileWhenNothingElseIsSet() throws IOException {
        Files.createDirectories(dir.resolve(".tideway"));
        Files.writeString(dir.resolve(".tideway/stack.env"), "export TD_API_SERVER=" + server.endpoint()
                + "\nexport TD_API_KEY=" + FakeTdServer.API_KEY + "\n");

        Td.Result result = Td.run(new Environment(Map.of(), dir.resolve("home"), dir), "db:list");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("TD1 " + FakeTdServer.API_KEY));
    }

    @Test
    void aServerErrorWithAPlainBodyShowsTheBody() {
        server.respond("GET", "/v3/database/list", 500, "text/plain", "warehouse is unavailable");

        Td.Result result = Td.run(Td.envFor(server, dir), "db:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: warehouse is unavailable\n");
    }

    @Test
    void anErrorBodyWithOnlyAMessageIsShown() {
        server.respond("GET", "/v3/database/list", 422, "application/json", "{\"message\":\"bad request\"}");

        assertThat(Td.run(Td.envFor(server, dir), "db:list").stderr()).isEqualTo("Error: bad request\n");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir), "job:shwo", "1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unmatched arguments", "job:show");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Missing command");
    }

    @Test
    void helpListsTheCommands() {
        Td.Result result = Td.run(Td.envFor(server, dir), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("query", "job:show", "job:list", "job:kill", "db:list", "table:list");
    }
}
