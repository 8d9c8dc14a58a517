package io.tideway.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code td db:create} and {@code td db:delete} ({@code POST /v3/database/create|delete/{db}}). */
final class DbCommands {

    private DbCommands() {
    }

    /**
     * The toolbelt's rule for new database and table names (td-client-java checks databases the same way):
     * 3 to 256 characters, lower-case letters, digits and '_'.
     */
    static void checkName(CommandSpec spec, String what, String name) {
        if (name.length() < 3 || name.length() > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), what + " name '" + name + "' must be 3 to "
                    + "256 characters long, not " + name.length());
        }
        if (!name.matches("[a-z0-9_]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), what + " name '" + name + "' may hold only "
                    + "lower-case letters, digits and '_'");
        }
    }

    @Command(name = "db:create", description = "Create a database.")
    static final class Create extends SessionCommand {

        @Parameters(paramLabel = "DB")
        String database;

        Create(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            checkName(spec, "Database", database);
            session.api().postForm("/v3/database/create/" + TdApi.segment(database), Map.of());
            session.err().println("Database '" + database + "' is created.");
            session.err().println("Use 'td table:create " + database + " <table_name>' to create a table.");
            return 0;
        }
    }

    @Command(name = "db:delete", description = "Delete a database.")
    static final class Delete extends SessionCommand {

        @Parameters(paramLabel = "DB")
        String database;

        @Option(names = {"-f", "--force"}, description = "delete the database even when it has tables")
        boolean force;

        Delete(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            if (!force && !session.api().get("/v3/table/list/" + TdApi.segment(database)).path("tables").isEmpty()) {
                throw new CliException("Database '" + database + "' is not empty. Use '-f' to delete it with its "
                        + "tables, or delete the tables first.");
            }
            session.api().postForm("/v3/database/delete/" + TdApi.segment(database), Map.of());
            session.err().println("Database '" + database + "' is deleted.");
            return 0;
        }
    }
}
