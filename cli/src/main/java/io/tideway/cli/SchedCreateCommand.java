package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code td sched:create NAME CRON [SQL]} ({@code POST /v3/schedule/create/{name}}, form fields as Ruby sends). */
@Command(name = "sched:create", description = {"Create a schedule.",
    "CRON: five fields (min hour day month weekday) or @hourly, @daily, @weekly, @monthly, @yearly;",
    "\"\" for a schedule that runs only by td sched:run."})
final class SchedCreateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "CRON")
    String cron;

    @Parameters(index = "2", arity = "0..1", paramLabel = "SQL", description = "the query, or - for standard input")
    String sql;

    @Option(names = {"-d", "--database"}, required = true, paramLabel = "DB_NAME", description = "use the database")
    String database;

    @Option(names = {"-t", "--timezone"}, paramLabel = "TZ", description = "IANA time zone of CRON (default UTC)")
    String timezone;

    @Option(names = {"-D", "--delay"}, paramLabel = "SECONDS", description = "run this long after each time")
    Long delay;

    @Option(names = {"-r", "--result"}, paramLabel = "RESULT_URL",
            description = "write each result to the URL, or to a saved result NAME or NAME:path")
    String result;

    @Option(names = {"-P", "--priority"}, paramLabel = "PRIORITY", converter = Priority.Converter.class,
            description = "-2 (VERY LOW) .. 2 (VERY HIGH), or the name")
    Integer priority;

    @Option(names = {"-R", "--retry"}, paramLabel = "COUNT", description = "automatic retrying count")
    Integer retryLimit;

    @Option(names = {"-T", "--type"}, paramLabel = "TYPE", defaultValue = "presto",
            description = "query type (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = {"-q", "--query"}, paramLabel = "PATH", description = "read the query from the file")
    Path queryFile;

    private final Session session;

    SchedCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String query = QueryText.resolve(session, spec, sql, queryFile);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("cron", cron.strip());
        form.put("query", query);
        form.put("database", database);
        form.put("type", type.toLowerCase(Locale.ROOT));
        putIfSet(form, "result", result);
        putIfSet(form, "timezone", timezone);
        putIfSet(form, "delay", delay);
        putIfSet(form, "priority", priority);
        putIfSet(form, "retry_limit", retryLimit);
        JsonNode created = session.api().postForm(SchedCommands.path("create", name), form);
        session.err().println("Schedule '" + name + "' is created. " + firstRun(created));
        return 0;
    }

    private String firstRun(JsonNode created) {
        Instant start = TimeText.fromApi(created.path("start").asText(null));
        if (start != null) {
            String zone = timezone != null ? timezone : created.path("timezone").asText("");
            return "Its first schedule is " + TimeText.format(start, TimeText.zoneOrUtc(zone)) + ".";
        }
        if (cron.isBlank()) {
            return "It has no cron, so it runs only by 'td sched:run " + name + " TIME'.";
        }
        String raw = created.path("start").asText("");
        return raw.isEmpty() ? "The server did not say when it first runs." : "Its first schedule is " + raw + ".";
    }

    static void putIfSet(Map<String, String> form, String key, Object value) {
        if (value != null) {
            form.put(key, value.toString());
        }
    }
}
