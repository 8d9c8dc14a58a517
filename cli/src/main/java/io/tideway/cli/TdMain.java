package io.tideway.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code td}: Treasure Data's toolbelt commands against Tideway's REST API.
 *
 * <p>Exit status: 0 on success; 1 when the API refuses a request, cannot be reached, or a waited-for job ends in
 * error; 2 for a usage error.
 */
@Command(name = "td", mixinStandardHelpOptions = true, version = "td (Tideway) 0.1.0",
        description = {"Run queries, manage jobs, databases, tables, saved results and schedules on a Tideway "
                + "server (Treasure Data's API v3).",
            "API server and key: TD_API_SERVER and TD_API_KEY, else ~/.td/td.conf,",
            "else $TIDEWAY_HOME/stack.env or ./.tideway/stack.env (bin/tideway up)."})
public final class TdMain implements Runnable {

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(new Session(Environment.system(), out, err, System.in, Sleeper.REAL), args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status; never exits the JVM. */
    public static int run(Session session, String... args) {
        CommandLine td = new CommandLine(new TdMain());
        td.addSubcommand(new CommandLine.HelpCommand());
        td.addSubcommand(new QueryCommand(session));
        td.addSubcommand(new JobShowCommand(session));
        td.addSubcommand(new JobListCommand(session));
        td.addSubcommand(new JobKillCommand(session));
        td.addSubcommand(new JobRerunCommand(session));
        td.addSubcommand(new DbListCommand(session));
        td.addSubcommand(new DbCommands.Create(session));
        td.addSubcommand(new DbCommands.Delete(session));
        td.addSubcommand(new TableListCommand(session));
        td.addSubcommand(new TableCommands.Create(session));
        td.addSubcommand(new TableCommands.Delete(session));
        td.addSubcommand(new TableCommands.Show(session));
        td.addSubcommand(new TableCommands.Swap(session));
        td.addSubcommand(new TableCommands.Rename(session));
        td.addSubcommand(new TableImportCommand(session));
        td.addSubcommand(new ResultCommands.Create(session));
        td.addSubcommand(new ResultCommands.ListResults(session));
        td.addSubcommand(new ResultCommands.Show(session));
        td.addSubcommand(new ResultCommands.Delete(session));
        td.addSubcommand(new SchedCreateCommand(session));
        td.addSubcommand(new SchedCommands.ListSchedules(session));
        td.addSubcommand(new SchedUpdateCommand(session));
        td.addSubcommand(new SchedCommands.Delete(session));
        td.addSubcommand(new SchedCommands.History(session));
        td.addSubcommand(new SchedRunCommand(session));
        td.addSubcommand(new AccountCommands.Show(session));
        td.addSubcommand(new AccountCommands.ApikeyShow(session));
        td.addSubcommand(new AccountCommands.ServerStatus(session));
        td.setOut(new PrintWriter(new OutputStreamWriter(session.out(), StandardCharsets.UTF_8), true));
        td.setErr(new PrintWriter(new OutputStreamWriter(session.err(), StandardCharsets.UTF_8), true));
        td.setParameterExceptionHandler(TdMain::usageError);
        td.setExecutionExceptionHandler((e, command, parsed) -> failure(session, e));
        int status = td.execute(args);
        session.out().flush();
        return status;
    }

    @Override
    public void run() {
        throw new CliException("Missing command. Run 'td --help' to list the commands.", 2);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("Error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + command.getHelp().synopsis(0));
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        return 2;
    }

    private static int failure(Session session, Exception e) {
        session.out().flush();
        if (e instanceof CliException expected) {
            session.err().println("Error: " + expected.getMessage());
            return expected.exitCode();
        }
        session.err().println("Error: " + e);
        if (System.getenv("TD_DEBUG") != null) {
            e.printStackTrace(session.err());
        }
        return 1;
    }
}
