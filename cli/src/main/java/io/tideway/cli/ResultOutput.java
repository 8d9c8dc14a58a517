package io.tideway.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a job's result from {@code GET /v3/job/result/{id}} and writes it: the bytes of a chosen format, as they
 * come, to standard output or a file; or, with no format, a readable table. Never holds the whole result.
 */
final class ResultOutput {

    private final Session session;

    ResultOutput(Session session) {
        this.session = session;
    }

    /** Writes the result; with neither a format nor a file, as a table on {@code tableOut}. */
    void write(JobView job, ResultFormat format, Path output, PrintStream tableOut) {
        if (format == null && output == null) {
            table(job, tableOut);
        } else {
            ResultFormat chosen = format == null ? ResultFormat.TSV : format;
            copy(job, chosen, output);
            if (output != null) {
                session.err().println("written to " + output + " in " + chosen.wireName + " format");
            }
        }
    }

    private void copy(JobView job, ResultFormat format, Path output) {
        try (InputStream in = open(job, format.wireName)) {
            if (output == null) {
                in.transferTo(session.out());
                session.out().flush();
            } else {
                try (OutputStream file = Files.newOutputStream(output)) {
                    in.transferTo(file);
                }
            }
        } catch (IOException e) {
            throw new CliException("Reading the result of job " + job.id() + (output == null ? "" : " into " + output)
                    + " failed: " + e.getMessage());
        }
    }

    private void table(JobView job, PrintStream out) {
        TableRenderer table = new TableRenderer(out, job.columnNames(), TableRenderer.DEFAULT_BUFFER_ROWS);
        // One JSON array per row, one after the other ("[1,\"a\"]\n[2,\"b\"]\n"), read one at a time.
        try (InputStream in = open(job, "json"); JsonParser rows = TdApi.JSON.createParser(in)) {
            while (rows.nextToken() != null) {
                table.add(cells(TdApi.JSON.readTree(rows)));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException("Reading the result of job " + job.id() + " failed: " + e.getMessage());
        }
        table.finish();
    }

    private InputStream open(JobView job, String format) {
        return session.api().stream("/v3/job/result/" + TdApi.segment(job.id()), Map.of("format", format));
    }

    /** A row's values as the toolbelt shows them: strings as they are, anything else as JSON text. */
    static List<String> cells(JsonNode row) {
        List<String> cells = new ArrayList<>();
        if (!row.isArray()) {
            cells.add(row.isTextual() ? row.asText() : row.toString());
            return cells;
        }
        for (JsonNode value : row) {
            cells.add(value.isTextual() ? value.asText() : value.toString());
        }
        return cells;
    }
}
