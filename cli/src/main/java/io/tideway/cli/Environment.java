package io.tideway.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the command line looks for its settings: the process environment, the user's home directory (for
 * {@code ~/.td/td.conf}) and the working directory (for {@code ./.tideway/stack.env}). Tests pass their own.
 */
public record Environment(Map<String, String> variables, Path home, Path workDir) {

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of("").toAbsolutePath());
    }

    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
