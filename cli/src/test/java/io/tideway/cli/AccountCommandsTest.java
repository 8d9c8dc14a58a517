package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code td account:show}, {@code td apikey:show}, {@code td server:status}. */
class AccountCommandsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeTdServer server = FakeTdServer.perTest();

    @Test
    void accountShowValidatesTheKeyAndShowsItMasked() {
        server.json("GET", "/v3/user/apikey/validate",
                "{\"key_type\":\"master\",\"account_id\":1,\"user_id\":1,\"administrator\":true}");

        Td.Result result = Td.run(Td.envFor(server, dir), "account:show");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("Endpoint    : " + server.endpoint() + " (from the environment)\n"
                + "API key     : 1/0123...4567 (from the environment)\n"
                + "Account     : 1\n"
                + "User        : 1\n"
                + "Key type    : master\n"
                + "Admin       : true\n");
    }

    @Test
    void apikeyShowPrintsTheKeyAndWhereItCameFrom() {
        Td.Result result = Td.run(Td.envFor(server, dir), "apikey:show");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(FakeTdServer.API_KEY + "\n");
        assertThat(result.stderr()).isEqualTo("(read from the environment)\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void serverStatusPrintsTheStatus() {
        server.json("GET", "/v3/system/server_status", "{\"status\":\"ok\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "server:status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("ok\n");
    }
}
