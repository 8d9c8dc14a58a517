package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code td table:create|delete|show|swap|rename} ({@code /v3/table/...}). */
final class TableCommands {

    private TableCommands() {
    }

    static String path(String action, String... segments) {
        StringBuilder path = new StringBuilder("/v3/table/").append(action);
        for (String segment : segments) {
            path.append('/').append(TdApi.segment(segment));
        }
        return path.toString();
    }

    @Command(name = "table:create", description = "Create a table.")
    static final class Create extends TableCommand {

        Create(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            DbCommands.checkName(spec, "Table", table);
            session.api().postForm(path("create", database, table) + "/log", Map.of());
            session.err().println("Table '" + qualified(table) + "' is created.");
            return 0;
        }
    }

    @Command(name = "table:delete", description = "Delete a table.")
    static final class Delete extends TableCommand {

        @Option(names = {"-f", "--force"}, description = "delete without asking")
        boolean force;

        Delete(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            if (!force) {
                session.err().print("Do you really delete '" + table + "' in '" + database + "'? [y/N]: ");
                session.err().flush();
                String answer = readLine(session.in()).trim().toLowerCase(Locale.ROOT);
                if (!answer.equals("y") && !answer.equals("yes")) {
                    throw new CliException("Canceled: table '" + qualified(table) + "' is not deleted "
                            + "(answer 'y', or use -f).");
                }
            }
            session.api().postForm(path("delete", database, table), Map.of());
            session.err().println("Table '" + qualified(table) + "' is deleted.");
            return 0;
        }

        private static String readLine(InputStream in) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                    line.write(b);
                }
            } catch (IOException e) {
                return "";
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }

    @Command(name = "table:show", description = "Describe a table.")
    static final class Show extends TableCommand {

        Show(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            JsonNode t = session.api().get(path("show", database, table));
            PrintStream out = session.out();
            field(out, "Name", qualified(t.path("name").asText(table)));
            field(out, "Type", t.path("type").asText(""));
            field(out, "Count", t.path("count").asText("0"));
            optional(out, "Size", t.path("estimated_storage_size").asText(""), " bytes");
            optional(out, "Expire days", t.path("expire_days").asText(""), "");
            optional(out, "Last import", t.path("counter_updated_at").asText(""), "");
            optional(out, "Created", t.path("created_at").asText(""), "");
            optional(out, "Updated", t.path("updated_at").asText(""), "");
            out.println("Schema      : (");
            String schema = t.path("schema").asText("[]");
            List<String> columns = TableListCommand.columns(schema);
            for (String column : columns == null ? List.of(schema) : columns) {
                out.println("    " + column);
            }
            out.println(")");
            return 0;
        }

        private static void field(PrintStream out, String label, String value) {
            out.println(String.format("%-12s: %s", label, value));
        }

        private static void optional(PrintStream out, String label, String value, String unit) {
            if (!value.isEmpty() && !value.equals("null")) {
                field(out, label, value + unit);
            }
        }
    }

    @Command(name = "table:swap", description = "Swap the contents of two tables of a database.")
    static final class Swap extends TableCommand {

        @Parameters(index = "2", paramLabel = "TABLE2")
        String table2;

        Swap(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            session.api().postForm(path("swap", database, table, table2), Map.of());
            session.err().println("'" + qualified(table) + "' and '" + qualified(table2) + "' are swapped.");
            return 0;
        }
    }

    @Command(name = "table:rename", description = "Rename a table.")
    static final class Rename extends TableCommand {

        @Parameters(index = "2", paramLabel = "NEW_TABLE")
        String newTable;

        @Option(names = "--overwrite", description = "replace NEW_TABLE when it exists")
        boolean overwrite;

        Rename(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            DbCommands.checkName(spec, "Table", newTable);
            session.api().postForm(path("rename", database, table, newTable),
                    Map.of("overwrite", String.valueOf(overwrite)));
            session.err().println("'" + qualified(table) + "' is renamed to '" + qualified(newTable) + "'.");
            return 0;
        }
    }
}
