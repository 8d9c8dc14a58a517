package io.tideway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code td} command that talks to the API: {@code -h}, its picocli spec (for usage errors) and the session.
 * Picocli reads the annotated fields of superclasses, so a command declares only its own arguments.
 */
abstract class SessionCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    final Session session;

    SessionCommand(Session session) {
        this.session = session;
    }
}
