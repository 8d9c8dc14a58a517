package io.tideway.cli;

import java.io.Console;

/** Asks for a secret without echoing it; tests pass their own answer. */
@FunctionalInterface
public interface PasswordPrompt {

    /** Reads the terminal's answer, or {@code null} when there is no terminal to ask on. */
    PasswordPrompt CONSOLE = prompt -> {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        char[] typed = console.readPassword("%s", prompt);
        return typed == null ? new char[0] : typed; // end of input: no password
    };

    /** The typed password, or {@code null} when there is no terminal. */
    char[] ask(String prompt);
}
