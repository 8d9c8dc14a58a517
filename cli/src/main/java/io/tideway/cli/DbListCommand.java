package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code td db:list} ({@code GET /v3/database/list}). */
@Command(name = "db:list", aliases = "dbs", description = "Show the list of databases.")
final class DbListCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Session session;

    DbListCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode db : session.api().get("/v3/database/list").path("databases")) {
            rows.add(List.of(db.path("name").asText(""), db.path("count").asText("0")));
        }
        TableRenderer.render(session.out(), List.of("Name", "Count"), rows);
        if (rows.isEmpty()) {
            session.err().println("There are no databases.");
        }
        return 0;
    }
}
