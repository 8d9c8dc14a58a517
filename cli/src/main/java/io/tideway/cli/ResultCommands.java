package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Saved destinations: {@code td result:create|list|show|delete} ({@code /v3/result/...}, the Ruby client's shapes).
 * A saved NAME, or NAME:path, is then accepted wherever a result URL is; the server resolves it.
 */
final class ResultCommands {

    private ResultCommands() {
    }

    static List<JsonNode> list(Session session) {
        List<JsonNode> results = new ArrayList<>();
        session.api().get("/v3/result/list").path("results").forEach(results::add);
        return results;
    }

    @Command(name = "result:create", description = {"Save a result URL under a name.",
        "Then give NAME or NAME:path wherever a result URL is taken (td query -r, td sched:create -r)."})
    static final class Create extends SessionCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "e.g. ftp://host:21/reports/, web://host/path, "
                + "td://@/db")
        String url;

        @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "user name for authentication")
        String user;

        @Option(names = {"-p", "--password"}, description = "ask for the password (not echoed)")
        boolean askPassword;

        Create(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            char[] password = askPassword ? askPassword() : null;
            String full;
            try {
                full = user == null && password == null ? url : ResultUrl.withCredentials(url, user, password);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
            session.api().postForm("/v3/result/create/" + TdApi.segment(name), Map.of("url", full));
            session.err().println("Result URL '" + name + "' is created.");
            return 0;
        }

        private char[] askPassword() {
            char[] password = session.passwords().ask("Password (typing will be hidden): ");
            if (password == null) {
                throw new CliException("-p asks for the password on a terminal, and there is none (standard input "
                        + "or output is redirected). Run the command from a terminal, or put the password in the "
                        + "URL (user:password@host, percent-encoded).", 2);
            }
            if (password.length == 0) {
                throw new CliException("No password was typed; nothing is saved.", 2);
            }
            return password;
        }
    }

    @Command(name = "result:list", aliases = "results", description = "Show the saved result URLs.")
    static final class ListResults extends SessionCommand {

        ListResults(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode result : list(session)) {
                rows.add(List.of(result.path("name").asText(""), UrlMasking.mask(result.path("url").asText(""))));
            }
            TableRenderer.render(session.out(), List.of("Name", "URL"), rows);
            if (rows.isEmpty()) {
                session.err().println("There are no result URLs.");
                session.err().println("Use 'td result:create <name> <url>' to create a result URL.");
            }
            return 0;
        }
    }

    @Command(name = "result:show", description = "Show a saved result URL.")
    static final class Show extends SessionCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        Show(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            JsonNode result = list(session).stream().filter(r -> r.path("name").asText("").equals(name))
                    .findFirst().orElseThrow(() -> new CliException("Result URL '" + name + "' does not exist. "
                            + "Use 'td result:list' to show the saved names."));
            session.out().println("Name : " + name);
            session.out().println("URL  : " + UrlMasking.mask(result.path("url").asText("")));
            return 0;
        }
    }

    @Command(name = "result:delete", description = "Delete a saved result URL.")
    static final class Delete extends SessionCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        Delete(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            session.api().postForm("/v3/result/delete/" + TdApi.segment(name), Map.of());
            session.err().println("Result URL '" + name + "' is deleted.");
            return 0;
        }
    }
}
