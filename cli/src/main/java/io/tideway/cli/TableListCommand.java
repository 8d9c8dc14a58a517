package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code td table:list [DB]} ({@code GET /v3/table/list/{db}}; every database when none is named). */
@Command(name = "table:list", aliases = "tables", mixinStandardHelpOptions = true,
        description = "Show the list of tables.")
final class TableListCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Session session;

    @Parameters(arity = "0..1", paramLabel = "DB")
    String database;

    TableListCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        List<String> databases = new ArrayList<>();
        if (database != null) {
            databases.add(database);
        } else {
            session.api().get("/v3/database/list").path("databases").forEach(db -> databases.add(db.path("name")
                    .asText()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (String db : databases) {
            for (JsonNode table : session.api().get("/v3/table/list/" + TdApi.segment(db)).path("tables")) {
                rows.add(List.of(db, table.path("name").asText(""), table.path("type").asText(""),
                        table.path("count").asText("0"), schema(table.path("schema").asText("[]"))));
            }
        }
        TableRenderer.render(session.out(), List.of("Database", "Table", "Type", "Count", "Schema"), rows);
        if (rows.isEmpty()) {
            session.err().println("There are no tables.");
        }
        return 0;
    }

    /** {@code [["host","string"],["code","long","status"]]} as {@code host:string, status:long}. */
    static String schema(String json) {
        List<String> columns = columns(json);
        return columns == null ? json : String.join(", ", columns);
    }

    /** Each column as {@code name:type} (the alias when there is one), or {@code null} when it is not JSON. */
    static List<String> columns(String json) {
        List<String> columns = new ArrayList<>();
        try {
            for (JsonNode column : TdApi.JSON.readTree(json.isBlank() ? "[]" : json)) {
                String name = column.size() > 2 ? column.get(2).asText() : column.path(0).asText();
                columns.add(name + ":" + column.path(1).asText());
            }
        } catch (IOException e) {
            return null;
        }
        return columns;
    }
}
