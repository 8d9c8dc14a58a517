package io.tideway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every {@code td table:*} command takes first: {@code DB TABLE}, and the session to reach the API with.
 * Picocli reads the annotated fields of superclasses, so subclasses add only their own arguments (index 2 on).
 */
abstract class TableCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DB")
    String database;

    @Parameters(index = "1", paramLabel = "TABLE")
    String table;

    final Session session;

    TableCommand(Session session) {
        this.session = session;
    }

    /** {@code db.table}, as messages name it. */
    String qualified(String tableName) {
        return database + "." + tableName;
    }
}
