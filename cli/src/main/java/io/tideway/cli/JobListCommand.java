package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code td job:list [max]}: the most recent jobs, newest first ({@code GET /v3/job/list?from=&to=}). */
@Command(name = "job:list", description = "Show the list of jobs.")
final class JobListCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private static final List<String> FIELDS =
            List.of("JobID", "Status", "Start", "Elapsed", "Priority", "Result", "Type", "Database", "Query");

    private final Session session;

    @Parameters(arity = "0..1", paramLabel = "MAX", defaultValue = "20", description = "how many jobs (default 20)")
    int max;

    @Option(names = {"-p", "--page"}, paramLabel = "PAGE", defaultValue = "0", description = "skip N pages")
    int page;

    @Option(names = {"-s", "--skip"}, paramLabel = "N", defaultValue = "0", description = "skip N jobs")
    int skip;

    JobListCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        long from = skip + (long) max * page;
        JsonNode list = session.api().get("/v3/job/list",
                Map.of("from", String.valueOf(from), "to", String.valueOf(from + max - 1)));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode node : list.path("jobs")) {
            rows.add(row(new JobView(node)));
        }
        TableRenderer.render(session.out(), FIELDS, rows);
        return 0;
    }

    private static List<String> row(JobView job) {
        String query = job.query().replaceAll("\\s+", " ");
        return List.of(job.id(), job.status(), job.startAt(),
                job.duration() == null || job.endAt().isEmpty() ? "" : Elapsed.humanize(job.duration()),
                Priority.name(job.priority()), job.resultUrl(), job.type(), job.database(),
                query.length() > 50 ? query.substring(0, 50) + " ..." : query);
    }
}
