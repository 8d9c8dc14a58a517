package io.tideway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code td job:show ID}: the job's fields, then its result when it has one to read back. */
@Command(name = "job:show", description = "Show status and result of a job.")
final class JobShowCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Session session;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = ResultFormat.Converter.class,
            description = "write the result as csv, tsv or json (msgpack, msgpack.gz with -o)")
    ResultFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "write the result to the file")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "show the job's output log")
    boolean verbose;

    JobShowCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (format != null && !format.text && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-f " + format.wireName + " needs -o PATH");
        }
        JobView job = JobView.show(session.api(), jobId);
        // With a format on standard output, the fields go to standard error so the result stays clean.
        PrintStream fields = format != null && output == null ? session.err() : session.out();
        printFields(job, fields);
        if (job.status().equals("success") && !job.hasDestination()) {
            fields.println("Result      :");
            fields.flush();
            try {
                new ResultOutput(session).write(job, format, output, session.out());
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
                fields.println("  (no result to show: " + e.getMessage() + ")"); // as the toolbelt, not an error
            }
        }
        return 0;
    }

    private void printFields(JobView job, PrintStream out) {
        field(out, "JobID", job.id());
        field(out, "Status", job.status());
        field(out, "Type", job.type());
        field(out, "Database", job.database());
        field(out, "Priority", Priority.name(job.priority()));
        field(out, "Retry limit", String.valueOf(job.retryLimit()));
        field(out, "Output", job.resultUrl());
        field(out, "Query", job.query());
        optional(out, "Result size", job.resultSize() == null ? null : job.resultSize() + " bytes");
        optional(out, "Result rows", job.numRecords());
        optional(out, "Delivered", job.deliveredRows() == null ? null : job.deliveredRows() + " rows");
        optional(out, "Dropped", job.droppedRows() == null ? null : job.droppedRows() + " rows");
        optional(out, "Created", job.createdAt());
        optional(out, "Start", job.startAt());
        optional(out, "End", job.endAt());
        optional(out, "Duration", job.duration() == null || job.endAt().isEmpty() ? null
                : Elapsed.humanize(job.duration()));
        optional(out, "Timings", timings(job.stageDurations()));
        if (job.failed()) {
            out.println("Error       :");
            job.errorMessage().lines().forEach(line -> out.println("  " + line));
        }
        if (verbose && !job.cmdout().isBlank()) {
            out.println("Output log  :");
            job.cmdout().lines().forEach(line -> out.println("  " + line));
        }
    }

    /** {@code queued 0.012s, query 1.503s, ...}; null when the API reports no stages. */
    private static String timings(Map<String, Double> stages) {
        return stages.isEmpty() ? null : stages.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.3fs", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void field(PrintStream out, String label, String value) {
        out.println(String.format("%-12s: %s", label, value));
    }

    private static void optional(PrintStream out, String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            field(out, label, value.toString());
        }
    }
}
