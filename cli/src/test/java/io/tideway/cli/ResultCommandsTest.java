package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code td result:create|list|show|delete}, and saved names passed through where a URL is taken. */
class ResultCommandsTest {

    static final String RESULTS = """
            {"results":[{"name":"myftp","url":"ftp://reports:s3cr%40t@127.0.0.1:2121/out/"},\
            {"name":"myweb","url":"web://127.0.0.1:8080/hook"},\
            {"name":"mydb","url":"td://1/abcdef@other.example.com/testdb"}]}""";

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer().json("POST", "/v3/result/create/myftp", "{\"result\":\"myftp\"}")
                .json("GET", "/v3/result/list", RESULTS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createSendsTheUrlAsAFormField() {
        Td.Result result = Td.run(Td.envFor(server, dir), "result:create", "myftp",
                "ftp://reports:pw@127.0.0.1:2121/out/");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v3/result/create/myftp");
            assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(r.form()).isEqualTo(Map.of("url", "ftp://reports:pw@127.0.0.1:2121/out/"));
        });
        assertThat(result.stderr()).isEqualTo("Result URL 'myftp' is created.\n");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void createWithUserAndAskedPasswordPercentEncodesBoth() {
        Td.Result result = Td.runWithPassword(Td.envFor(server, dir), "p@ss:w/rd %é".toCharArray(),
                "result:create", "myftp", "ftp://127.0.0.1:2121/out/", "-u", "rep orts@corp", "-p");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).containsEntry("url",
                "ftp://rep%20orts%40corp:p%40ss%3Aw%2Frd%20%25%C3%A9@127.0.0.1:2121/out/");
        assertThat(result.stderr()).doesNotContain("p@ss");
    }

    @Test
    void createWithOnlyAUserPutsTheUserInTheUrl() {
        Td.Result result = Td.run(Td.envFor(server, dir), "result:create", "myftp", "ftp://127.0.0.1/out/",
                "-u", "anonymous");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).containsEntry("url", "ftp://anonymous@127.0.0.1/out/");
    }

    @Test
    void askingForAPasswordWithoutATerminalFailsClearlyWithoutCallingTheApi() {
        Td.Result result = Td.runWithPassword(Td.envFor(server, dir), null,
                "result:create", "myftp", "ftp://127.0.0.1/out/", "-u", "reports", "-p");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Error: -p asks for the password on a terminal, and there is none");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aUserForAUrlThatAlreadyHasOneIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir), "result:create", "myftp",
                "ftp://a:b@127.0.0.1/out/", "-u", "reports");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Error: the URL already has a user part")
                .doesNotContain("a:b@");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void createOfAnExistingNameShowsTheApisMessage() {
        server.sequence("POST", "/v3/result/create/myftp", FakeTdServer.jsonResponse(409,
                "{\"error\":\"Conflict\",\"message\":\"Result 'myftp' already exists\"}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "result:create", "myftp", "ftp://127.0.0.1/out/");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Result 'myftp' already exists\n");
    }

    @Test
    void aServerErrorThatEchoesTheUrlIsShownMasked() {
        server.sequence("POST", "/v3/result/create/myftp", FakeTdServer.jsonResponse(422,
                "{\"error\":\"Invalid\",\"text\":\"Unsupported scheme in 'fpt://reports:pw@127.0.0.1/out/'\"}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "result:create", "myftp", "fpt://reports:pw@127.0.0.1/out/");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Unsupported scheme in 'fpt://reports:***@127.0.0.1/out/'\n");
    }

    @Test
    void listMasksEveryPassword() {
        Td.Result result = Td.run(Td.envFor(server, dir), "result:list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                +-------+---------------------------------------+
                | Name  | URL                                   |
                +-------+---------------------------------------+
                | myftp | ftp://reports:***@127.0.0.1:2121/out/ |
                | myweb | web://127.0.0.1:8080/hook             |
                | mydb  | td://***@other.example.com/testdb     |
                +-------+---------------------------------------+
                3 rows in set
                """);
        assertThat(result.stdout() + result.stderr()).doesNotContain("s3cr", "abcdef");
    }

    @Test
    void anEmptyListSaysHowToCreateOne() {
        server.json("GET", "/v3/result/list", "{\"results\":[]}");

        Td.Result result = Td.run(Td.envFor(server, dir), "result:list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEqualTo("There are no result URLs.\n"
                + "Use 'td result:create <name> <url>' to create a result URL.\n");
    }

    @Test
    void showPrintsOneMaskedUrl() {
        Td.Result result = Td.run(Td.envFor(server, dir), "result:show", "myftp");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("Name : myftp\nURL  : ftp://reports:***@127.0.0.1:2121/out/\n");
    }

    @Test
    void showOfAnUnknownNameFails() {
        Td.Result result = Td.run(Td.envFor(server, dir), "result:show", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Result URL 'nope' does not exist. Use 'td result:list' to "
                + "show the saved names.\n");
    }

    @Test
    void deletePostsToTheDeletePath() {
        server.json("POST", "/v3/result/delete/myftp", "{\"result\":\"myftp\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "result:delete", "myftp");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v3/result/delete/myftp");
        assertThat(result.stderr()).isEqualTo("Result URL 'myftp' is deleted.\n");
    }

    @Test
    void deleteOfAnUnknownNameShowsTheApisMessage() {
        server.respond("POST", "/v3/result/delete/nope", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Result 'nope' does not exist\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "result:delete", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Result 'nope' does not exist\n");
    }

    @Test
    void querySendsASavedNameWithAPathAsItIsForTheServerToResolve() {
        server.json("POST", "/v3/job/issue/presto/testdb", "{\"job_id\":\"12\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "--result", "myftp:path.csv",
                "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("POST", "/v3/job/issue/presto/testdb").get(0).form())
                .containsEntry("result", "myftp:path.csv");
    }
}
