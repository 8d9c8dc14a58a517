package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Polls {@code GET /v3/job/status/{id}} until the job finishes, backing off from 100 ms to 1 s, and reports each
 * change of status (and the row count, once known) on standard error.
 */
final class JobWaiter {

    static final long FIRST_DELAY_MILLIS = 100;
    static final long MAX_DELAY_MILLIS = 1000;
    /** Consecutive failed polls (server down or answering 5xx) tolerated, as the toolbelt does, e.g. a restart. */
    static final int MAX_FAILED_POLLS = 10;

    private final Session session;

    JobWaiter(Session session) {
        this.session = session;
    }

    JobView waitFor(String jobId) {
        PrintStream err = session.err();
        long started = System.nanoTime();
        long delay = FIRST_DELAY_MILLIS;
        String lastStatus = null;
        Long lastRows = null;
        int cmdoutLines = 0;
        while (true) {
            JsonNode summary = pollStatus(jobId, delay);
            String status = summary.path("status").asText("");
            Long rows = rowsOf(summary);
            if (!status.equals(lastStatus)) {
                JobView job = JobView.show(session.api(), jobId);
                rows = job.numRecords() != null && job.numRecords() > 0 ? job.numRecords() : rows;
                cmdoutLines = printNewLines(job.cmdout(), cmdoutLines);
                if (job.finished()) {
                    err.println("  " + job.status() + progressRows(job.numRecords()) + " (" + elapsed(started) + ")");
                    return job;
                }
                err.println("  " + job.status() + progressRows(rows));
                lastStatus = job.status(); // job/show has the last word when the two disagree
                lastRows = rows;
            } else if (rows != null && !rows.equals(lastRows)) {
                err.println("  " + status + progressRows(rows));
                lastRows = rows;
            }
            sleep(delay);
            delay = Math.min(delay * 2, MAX_DELAY_MILLIS);
        }
    }

    private JsonNode pollStatus(String jobId, long delay) {
        for (int failures = 1; ; failures++) {
            try {
                return session.api().get("/v3/job/status/" + TdApi.segment(jobId));
            } catch (UnreachableException | ApiException e) {
                boolean transientFailure = !(e instanceof ApiException api) || api.status() >= 500;
                if (!transientFailure || failures > MAX_FAILED_POLLS) {
                    throw e;
                }
                session.err().println("  (" + e.getMessage().replaceAll("\\.$", "") + "; trying again)");
                sleep(Math.max(delay, MAX_DELAY_MILLIS));
            }
        }
    }

    /** Rows when the status response knows them (Tideway may add {@code num_records}; TD does not). */
    private static Long rowsOf(JsonNode summary) {
        JsonNode rows = summary.path("num_records");
        return rows.canConvertToLong() && rows.asLong() > 0 ? rows.asLong() : null;
    }

    private static String progressRows(Long rows) {
        return rows == null ? "" : ", " + rows + (rows == 1 ? " row" : " rows");
    }

    private int printNewLines(String text, int alreadyPrinted) {
        String[] lines = text.isEmpty() ? new String[0] : text.split("\n");
        for (int i = alreadyPrinted; i < lines.length; i++) {
            session.err().println("    " + lines[i]);
        }
        return Math.max(alreadyPrinted, lines.length);
    }

    private static String elapsed(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private void sleep(long millis) {
        try {
            session.sleeper().sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while waiting for the job.");
        }
    }
}
