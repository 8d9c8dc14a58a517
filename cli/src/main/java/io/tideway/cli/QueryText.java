package io.tideway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The SQL of a command: the argument, {@code -} for standard input, or {@code -q PATH}. */
final class QueryText {

    private QueryText() {
    }

    static String resolve(Session session, CommandSpec spec, String sql, Path queryFile) {
        if (sql != null && queryFile != null) {
            throw usage(spec, "give the query as an argument or with -q PATH, not both");
        }
        String text;
        if ("-".equals(sql)) {
            text = read(() -> new String(session.in().readAllBytes(), StandardCharsets.UTF_8), "standard input");
        } else if (sql != null) {
            text = sql;
        } else if (queryFile != null) {
            text = read(() -> Files.readString(queryFile, StandardCharsets.UTF_8), queryFile.toString());
        } else {
            throw usage(spec, "<SQL> argument or -q, --query PATH option is required");
        }
        if (text.isBlank()) {
            throw usage(spec, "the query is empty");
        }
        return text.strip();
    }

    private static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String read(IoSupplier source, String what) {
        try {
            return source.get();
        } catch (IOException e) {
            throw new CliException("Cannot read the query from " + what + ": " + e.getMessage(), 2);
        }
    }

    private interface IoSupplier {
        String get() throws IOException;
    }
}
