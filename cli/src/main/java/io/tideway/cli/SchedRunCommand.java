package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code td sched:run NAME TIME [-n N]}: runs the schedule for its N schedule times from TIME (a backfill),
 * {@code POST /v3/schedule/run/{name}/{unix seconds}}. A TIME without a zone is read in the schedule's time zone
 * when the server reports one, else in UTC; the command says which.
 */
@Command(name = "sched:run", description = {"Run a schedule for its N schedule times from TIME (backfill).",
    "TIME: " + TimeText.FORMATS + ";",
    "a TIME without a zone is read in the schedule's time zone (UTC when it has none)."})
final class SchedRunCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "TIME")
    String time;

    @Option(names = {"-n", "--num"}, paramLabel = "N", description = "how many schedule times (default 1)")
    Integer num;

    private final Session session;

    SchedRunCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        TimeText parsed = TimeText.parse(time);
        if (parsed == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "TIME '" + time + "' is not a time: give "
                    + TimeText.FORMATS);
        }
        if (num != null && num < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be 1 or more, not " + num);
        }
        ZoneId zone = parsed.hasZone() ? ZoneOffset.UTC : scheduleZone();
        Instant from = parsed.in(zone);
        JsonNode answer = session.api().postForm(SchedCommands.path("run", name) + "/" + from.getEpochSecond(),
                num == null ? Map.of() : Map.of("num", num.toString()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) {
            rows.add(List.of(job.path("job_id").asText(""), TimeText.show(job.path("scheduled_at").asText(null),
                    zone)));
        }
        session.err().println("Scheduled " + rows.size() + (rows.size() == 1 ? " job" : " jobs") + " from "
                + TimeText.format(from, zone) + ".");
        TableRenderer.render(session.out(), List.of("JobID", "Time"), rows);
        return 0;
    }

    private ZoneId scheduleZone() {
        JsonNode schedule = SchedCommands.find(session, name);
        if (schedule == null) {
            throw new CliException("Schedule '" + name + "' does not exist. Use 'td sched:list' to show the "
                    + "schedules.");
        }
        String reported = schedule.path("timezone").asText("").strip();
        if (reported.isEmpty()) {
            session.err().println("TIME '" + time + "' has no zone and the schedule reports none: read in UTC.");
            return ZoneOffset.UTC;
        }
        try {
            ZoneId zone = TimeText.zone(reported);
            session.err().println("TIME '" + time + "' has no zone: read in " + reported + ", the schedule's time "
                    + "zone.");
            return zone;
        } catch (DateTimeException e) {
            session.err().println("TIME '" + time + "' has no zone and the schedule's time zone '" + reported
                    + "' is unknown here: read in UTC.");
            return ZoneOffset.UTC;
        }
    }
}
