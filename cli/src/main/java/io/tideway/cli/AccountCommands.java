package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/**
 * The account the command line works as: {@code td account:show} ({@code GET /v3/user/apikey/validate}),
 * {@code td apikey:show}, {@code td server:status}. Accounts themselves are made with
 * {@code bin/tideway account create NAME}.
 */
final class AccountCommands {

    private AccountCommands() {
    }

    /** {@code 1/0123...4567}: enough to tell keys apart, not enough to use one. */
    static String maskKey(String key) {
        return key.length() <= 12 ? "***" : key.substring(0, 6) + "..." + key.substring(key.length() - 4);
    }

    @Command(name = "account:show", description = "Show the account and kind of key in use.")
    static final class Show extends SessionCommand {

        Show(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            ApiConfig config = ApiConfig.resolve(session.env());
            JsonNode key = session.api().get("/v3/user/apikey/validate");
            field("Endpoint", config.endpoint() + " (from " + config.endpointSource() + ")");
            field("API key", maskKey(config.apiKey()) + " (from " + config.keySource() + ")");
            field("Account", key.path("account_id").asText(""));
            field("User", key.path("user_id").asText(""));
            field("Key type", key.path("key_type").asText(""));
            field("Admin", key.path("administrator").asText(""));
            return 0;
        }

        private void field(String label, String value) {
            session.out().println(String.format("%-12s: %s", label, value));
        }
    }

    @Command(name = "apikey:show", description = "Show the API key in use (and where it was read from).")
    static final class ApikeyShow extends SessionCommand {

        ApikeyShow(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            ApiConfig config = ApiConfig.resolve(session.env());
            session.out().println(config.apiKey());
            session.err().println("(read from " + config.keySource() + ")");
            return 0;
        }
    }

    @Command(name = "server:status", description = "Show the status of the API server.")
    static final class ServerStatus extends SessionCommand {

        ServerStatus(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            session.out().println(session.api().get("/v3/system/server_status").path("status").asText("unknown"));
            return 0;
        }
    }
}
