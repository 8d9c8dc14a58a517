package io.tideway.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** What every command works with: its settings, its standard streams, and the API client built on first use. */
public final class Session {

    private final Environment env;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Sleeper sleeper;
    private final PasswordPrompt passwords;
    private TdApi api;

    public Session(Environment env, PrintStream out, PrintStream err, InputStream in, Sleeper sleeper) {
        this(env, out, err, in, sleeper, PasswordPrompt.CONSOLE);
    }

    public Session(Environment env, PrintStream out, PrintStream err, InputStream in, Sleeper sleeper,
                   PasswordPrompt passwords) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
        this.sleeper = sleeper;
        this.passwords = passwords;
    }

    public Environment env() {
        return env;
    }

    public PasswordPrompt passwords() {
        return passwords;
    }

    public TdApi api() {
        if (api == null) {
            api = new TdApi(ApiConfig.resolve(env));
        }
        return api;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public Sleeper sleeper() {
        return sleeper;
    }
}
