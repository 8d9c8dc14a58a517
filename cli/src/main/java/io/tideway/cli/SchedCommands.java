package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code td sched:list|delete|history}, and what the schedule commands share ({@code /v3/schedule/...}). */
final class SchedCommands {

    private SchedCommands() {
    }

    static String path(String action, String name) {
        return "/v3/schedule/" + action + "/" + TdApi.segment(name);
    }

    static List<JsonNode> schedules(Session session) {
        List<JsonNode> schedules = new ArrayList<>();
        session.api().get("/v3/schedule/list").path("schedules").forEach(schedules::add);
        return schedules;
    }

    /** The schedule named, or {@code null}: v3 has no call for one schedule, so this reads the list. */
    static JsonNode find(Session session, String name) {
        return schedules(session).stream().filter(s -> s.path("name").asText("").equals(name)).findFirst()
                .orElse(null);
    }

    static String oneLine(String query) {
        String line = query.replaceAll("\\s+", " ").strip();
        return line.length() > 50 ? line.substring(0, 50) + " ..." : line;
    }

    @Command(name = "sched:list", aliases = "scheds", description = "Show the list of schedules.")
    static final class ListSchedules extends SessionCommand {

        private static final List<String> FIELDS = List.of("Name", "Cron", "Timezone", "Next schedule", "Delay",
                "Priority", "Result", "Database", "Query");

        ListSchedules(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : schedules(session)) {
                ZoneId zone = TimeText.zoneOrUtc(s.path("timezone").asText(""));
                rows.add(List.of(s.path("name").asText(""), s.path("cron").asText(""),
                        s.path("timezone").asText(""), TimeText.show(s.path("next_time").asText(null), zone),
                        s.path("delay").asText("0"), Priority.name(s.path("priority").asInt(0)),
                        UrlMasking.mask(s.path("result").asText("")), s.path("database").asText(""),
                        oneLine(s.path("query").asText(""))));
            }
            TableRenderer.render(session.out(), FIELDS, rows);
            if (rows.isEmpty()) {
                session.err().println("There are no schedules.");
                session.err().println("Use 'td sched:create <name> <cron> <sql> -d <db>' to create a schedule.");
            }
            return 0;
        }
    }

    @Command(name = "sched:delete", description = "Delete a schedule.")
    static final class Delete extends SessionCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        Delete(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            session.api().postForm(path("delete", name), Map.of());
            session.err().println("Schedule '" + name + "' is deleted.");
            return 0;
        }
    }

    @Command(name = "sched:history", description = "Show the jobs a schedule has run, newest first.")
    static final class History extends SessionCommand {

        private static final List<String> FIELDS =
                List.of("JobID", "Time", "Status", "Priority", "Duration", "Result");

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "MAX", defaultValue = "20",
                description = "how many jobs (default 20)")
        int max;

        @Option(names = {"-p", "--page"}, paramLabel = "PAGE", defaultValue = "0", description = "skip N pages")
        int page;

        @Option(names = {"-s", "--skip"}, paramLabel = "N", defaultValue = "0", description = "skip N jobs")
        int skip;

        History(Session session) {
            super(session);
        }

        @Override
        public Integer call() {
            long from = skip + (long) max * page;
            // 'to' is end-exclusive in td-client-java's javadoc; at most MAX rows are shown either way.
            JsonNode history = session.api().get(path("history", name),
                    Map.of("from", String.valueOf(from), "to", String.valueOf(from + max)));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode node : history.path("history")) {
                if (rows.size() < max) {
                    rows.add(row(node));
                }
            }
            TableRenderer.render(session.out(), FIELDS, rows);
            return 0;
        }

        private static List<String> row(JsonNode node) {
            JobView job = new JobView(node);
            return List.of(job.id(), node.path("scheduled_at").asText(""), job.status(),
                    Priority.name(job.priority()),
                    job.duration() == null || job.endAt().isEmpty() ? "" : Elapsed.humanize(job.duration()),
                    job.resultUrl());
        }
    }
}
