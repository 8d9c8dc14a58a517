package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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

/** {@code td query}: issues a job ({@code POST /v3/job/issue/{type}/{db}}) and, with {@code -w}, waits for it. */
@Command(name = "query", description = "Issue a query.")
final class QueryCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Session session;

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--database"}, required = true, paramLabel = "DB_NAME", description = "use the database")
    String database;

    @Option(names = {"-w", "--wait"}, description = "wait for the job to finish")
    boolean waitForJob;

    @Option(names = {"-r", "--result"}, paramLabel = "RESULT_URL", description = "write the result to the URL, or to a saved result NAME or NAME:path")
    String resultUrl;

    @Option(names = {"-P", "--priority"}, paramLabel = "PRIORITY", converter = Priority.Converter.class,
            description = "-2 (VERY LOW) .. 2 (VERY HIGH), or the name")
    Integer priority;

    @Option(names = {"-R", "--retry"}, paramLabel = "COUNT", description = "automatic retrying count")
    Integer retryLimit;

    @Option(names = {"-q", "--query"}, paramLabel = "PATH", description = "read the query from the file")
    Path queryFile;

    @Option(names = {"-T", "--type"}, paramLabel = "TYPE", defaultValue = "presto",
            description = "query type (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = ResultFormat.Converter.class,
            description = "with -w: write the result as csv, tsv or json")
    ResultFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "with -w: write the result to the file")
    Path output;

    @Option(names = "--domain-key", paramLabel = "KEY", description = "idempotency key of the job")
    String domainKey;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "the query, or - to read it from standard input")
    String sql;

    QueryCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String query = queryText();
        if (format != null && !format.text && output == null) {
            throw usage("-f " + format.wireName + " needs -o PATH");
        }
        JsonNode issued = session.api().postForm("/v3/job/issue/" + TdApi.segment(type.toLowerCase(Locale.ROOT))
                + "/" + TdApi.segment(database), form(query));
        String jobId = issued.path("job_id").asText("");
        if (jobId.isEmpty()) {
            throw new CliException("The API server accepted the query but returned no job id.");
        }
        session.err().println("Job " + jobId + " is queued.");
        session.err().println("Use 'td job:show " + jobId + "' to show the status.");
        return waitForJob ? new QueryOutcome(session).finish(new JobWaiter(session).waitFor(jobId), resultUrl,
                format, output) : 0;
    }

    private Map<String, String> form(String query) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        if (resultUrl != null) {
            form.put("result", resultUrl);
        }
        if (priority != null) {
            form.put("priority", priority.toString());
        }
        if (retryLimit != null) {
            form.put("retry_limit", retryLimit.toString());
        }
        if (domainKey != null) {
            form.put("domain_key", domainKey);
        }
        return form;
    }

    private String queryText() {
        return QueryText.resolve(session, spec, sql, queryFile);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
