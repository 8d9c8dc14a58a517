package io.tideway.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs {@code td} in-process with a given environment, capturing its output and the waits between polls. */
final class Td {

    record Result(int exitCode, byte[] stdoutBytes, String stderr, List<Long> waits) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private Td() {
    }

    /** The usual environment: {@code TD_API_SERVER} and {@code TD_API_KEY} pointing at the fake server. */
    static Environment envFor(FakeTdServer server, Path dir) {
        return new Environment(Map.of("TD_API_SERVER", server.endpoint(), "TD_API_KEY", FakeTdServer.API_KEY),
                dir.resolve("home"), dir.resolve("work"));
    }

    static Result run(Environment env, String... args) {
        return runWithInput(env, "", args);
    }

    static Result runWithInput(Environment env, String stdin, String... args) {
        return execute(env, stdin, prompt -> null, args); // as without a terminal, whatever runs the tests
    }

    /** With {@code prompt} answering where the terminal would ({@code null}: as when there is no terminal). */
    static Result runWithPassword(Environment env, char[] password, String... args) {
        return execute(env, "", prompt -> password == null ? null : password.clone(), args);
    }

    private static Result execute(Environment env, String stdin, PasswordPrompt passwords, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Long> waits = new CopyOnWriteArrayList<>();
        Session session = new Session(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), waits::add, passwords);
        int status = TdMain.run(session, args);
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8), waits);
    }
}
