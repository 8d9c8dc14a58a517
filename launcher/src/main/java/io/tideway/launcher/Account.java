package io.tideway.launcher;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/tideway account create NAME | list}: the accounts of the local stack's query-service, managed by its
 * {@code AccountAdmin} run as a child JVM on the stack's data directory (works whether the stack runs or not).
 */
@Command(name = "account", description = "Manage the local stack's accounts.",
        subcommands = {Account.Create.class, Account.ListAccounts.class})
final class Account {

    static final String ADMIN = "io.tideway.query.accounts.AccountAdmin";

    @Command(name = "create", description = "Create an account; prints its master and write-only API keys once.")
    static final class Create implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The account's name.")
        String name;

        @Override
        public Integer call() throws Exception {
            return admin(List.of("create", name));
        }
    }

    @Command(name = "list", description = "List the accounts: id and name.")
    static final class ListAccounts implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return admin(List.of("list"));
        }
    }

    /** The command line that runs AccountAdmin on the stack's query-service data directory. */
    static List<String> command(Path repo, StackHome home, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", Classpaths.of(repo, "query-service"), ADMIN,
                "--data-dir", home.data("query-service").toString()));
        command.addAll(args);
        return command;
    }

    private static int admin(List<String> args) throws Exception {
        StackHome home = StackHome.open(TidewayMain.homeDir());
        return new ProcessBuilder(command(TidewayMain.repo(), home, args)).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start().waitFor();
    }
}
