package io.tideway.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code td sched:update NAME ...} ({@code POST /v3/schedule/update/{name}} with only the changed fields). */
@Command(name = "sched:update", description = "Change a schedule: only the fields given change.")
final class SchedUpdateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = {"-n", "--newname"}, paramLabel = "NAME", description = "rename the schedule")
    String newName;

    @Option(names = {"-s", "--schedule"}, paramLabel = "CRON", description = "the cron (\"\" for sched:run only)")
    String cron;

    @Option(names = {"-q", "--query"}, paramLabel = "SQL", description = "the query")
    String query;

    @Option(names = {"-d", "--database"}, paramLabel = "DB_NAME", description = "the database")
    String database;

    @Option(names = {"-r", "--result"}, paramLabel = "RESULT_URL",
            description = "the result URL, or a saved result NAME or NAME:path (\"\" for none)")
    String result;

    @Option(names = {"-t", "--timezone"}, paramLabel = "TZ", description = "IANA time zone of the cron")
    String timezone;

    @Option(names = {"-D", "--delay"}, paramLabel = "SECONDS", description = "run this long after each time")
    Long delay;

    @Option(names = {"-P", "--priority"}, paramLabel = "PRIORITY", converter = Priority.Converter.class,
            description = "-2 (VERY LOW) .. 2 (VERY HIGH), or the name")
    Integer priority;

    @Option(names = {"-R", "--retry"}, paramLabel = "COUNT", description = "automatic retrying count")
    Integer retryLimit;

    @Option(names = {"-T", "--type"}, paramLabel = "TYPE", description = "query type")
    String type;

    private final Session session;

    SchedUpdateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Map<String, String> form = new LinkedHashMap<>();
        SchedCreateCommand.putIfSet(form, "name", newName);
        SchedCreateCommand.putIfSet(form, "cron", cron == null ? null : cron.strip());
        SchedCreateCommand.putIfSet(form, "query", query);
        SchedCreateCommand.putIfSet(form, "database", database);
        SchedCreateCommand.putIfSet(form, "result", result);
        SchedCreateCommand.putIfSet(form, "timezone", timezone);
        SchedCreateCommand.putIfSet(form, "delay", delay);
        SchedCreateCommand.putIfSet(form, "priority", priority);
        SchedCreateCommand.putIfSet(form, "retry_limit", retryLimit);
        SchedCreateCommand.putIfSet(form, "type", type == null ? null : type.toLowerCase(Locale.ROOT));
        if (form.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to change: give at least one of "
                    + "-n, -s, -q, -d, -r, -t, -D, -P, -R, -T");
        }
        if (query != null && query.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the query is empty");
        }
        session.api().postForm(SchedCommands.path("update", name), form);
        if (newName != null && !newName.equals(name)) {
            session.err().println("Schedule '" + name + "' is updated and renamed to '" + newName + "'.");
        } else {
            session.err().println("Schedule '" + name + "' is updated.");
        }
        return 0;
    }
}
