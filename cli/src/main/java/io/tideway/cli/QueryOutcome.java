package io.tideway.cli;

import java.nio.file.Path;

/** How {@code td query -w} ends: the error and exit 1, the delivery, or the rows themselves. */
final class QueryOutcome {

    private final Session session;

    QueryOutcome(Session session) {
        this.session = session;
    }

    int finish(JobView job, String requestedResultUrl, ResultFormat format, Path output) {
        session.err().println("Status     : " + job.status());
        if (job.failed()) {
            session.err().println("Job " + job.id() + " ended in " + job.status() + ":");
            job.errorMessage().lines().forEach(line -> session.err().println("  " + line));
            return 1;
        }
        String destination = job.hasDestination() ? job.resultUrl()
                : requestedResultUrl == null || requestedResultUrl.isBlank() ? "" : UrlMasking.mask(requestedResultUrl);
        if (!destination.isEmpty()) {
            session.out().println("Result delivered to " + destination + rows(job));
            return 0;
        }
        new ResultOutput(session).write(job, format, output, session.out());
        return 0;
    }

    private static String rows(JobView job) {
        Long rows = job.deliveredRows() != null ? job.deliveredRows() : job.numRecords();
        return rows == null ? "" : " (" + rows + (rows == 1 ? " row)" : " rows)");
    }
}
