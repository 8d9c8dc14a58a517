package io.tideway.query.accounts;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Manages the accounts of a data directory from the command line, while the service runs or not:
 * <pre>
 *   AccountAdmin [--data-dir DIR] create NAME           new account; prints its master and write-only key once
 *   AccountAdmin [--data-dir DIR] list                  id and name of every account
 *   AccountAdmin write-only-key MASTER_KEY              the write-only key of the bootstrap account's master key
 * </pre>
 * The data directory defaults to {@code tideway.query.data-dir} (system property, or {@code TIDEWAY_QUERY_DATA_DIR})
 * and then {@code ./data}. Exit status 0 on success, 1 on a refused request, 2 on bad usage.
 */
public final class AccountAdmin {

    private static final String USAGE = """
            usage: AccountAdmin [--data-dir DIR] create NAME
                   AccountAdmin [--data-dir DIR] list
                   AccountAdmin write-only-key MASTER_KEY""";

    private AccountAdmin() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dataDir = defaultDataDir();
        int i = 0;
        if (args.length >= 2 && args[0].equals("--data-dir")) {
            dataDir = Path.of(args[1]);
            i = 2;
        }
        String command = args.length > i ? args[i] : "";
        try {
            switch (command) {
                case "create" -> {
                    requireArguments(args, i + 2);
                    printCreated(new AccountStore(dataDir, null).create(args[i + 1]), out);
                }
                case "list" -> new AccountStore(dataDir, null).list()
                        .forEach(a -> out.println(a.id() + "\t" + a.name()));
                case "write-only-key" -> {
                    requireArguments(args, i + 2);
                    String master = args[i + 1];
                    int slash = master.indexOf('/');
                    out.println(ApiKeys.derivedWriteOnlyKey(slash > 0 ? master.substring(0, slash)
                            : AccountStore.LOCAL_ACCOUNT_ID, master));
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (UsageException e) {
            err.println(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static void printCreated(NewAccount created, PrintStream out) {
        out.println("Account " + created.account().id() + " (" + created.account().name()
                + ") created. Keep its keys now: they are not shown again.");
        out.println("master key:     " + created.masterKey());
        out.println("write-only key: " + created.writeOnlyKey());
    }

    private static void requireArguments(String[] args, int count) {
        if (args.length != count) {
            throw new UsageException();
        }
    }

    private static Path defaultDataDir() {
        String dir = System.getProperty("tideway.query.data-dir", System.getenv("TIDEWAY_QUERY_DATA_DIR"));
        return Path.of(dir == null || dir.isBlank() ? "./data" : dir).toAbsolutePath().normalize();
    }

    private static final class UsageException extends RuntimeException {
    }
}
