package io.tideway.cli;

import picocli.CommandLine.Parameters;

/** What every {@code td table:*} command takes first: {@code DB TABLE}; subclasses add arguments from index 2 on. */
abstract class TableCommand extends SessionCommand {

    @Parameters(index = "0", paramLabel = "DB")
    String database;

    @Parameters(index = "1", paramLabel = "TABLE")
    String table;

    TableCommand(Session session) {
        super(session);
    }

    /** {@code db.table}, as messages name it. */
    String qualified(String tableName) {
        return database + "." + tableName;
    }
}
