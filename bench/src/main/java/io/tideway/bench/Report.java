package io.tideway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The table on the terminal, and the same as Markdown for docs/benchmarks.md. */
final class Report {

    private static final String[] HEADINGS = {"measurement", "Tideway", "reference", "ratio", "target", "met?", "load (1 min, start → end)"};

    private final Machine machine;
    private final Instant started;
    private final List<Measurement> measurements;
    private final List<String> notes;

    Report(Machine machine, Instant started, List<Measurement> measurements, List<String> notes) {
        this.machine = machine;
        this.started = started;
        this.measurements = measurements;
        this.notes = notes;
    }

    String text() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (Measurement m : measurements) {
            rows.add(cells(m));
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Tideway benchmarks, ").append(timestamp()).append('\n');
        out.append("Machine: ").append(machine.oneLine()).append("\n\n");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : "  ").append(pad(row[i], widths[i]));
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
                }
                out.append('\n');
            }
        }
        out.append('\n');
        for (Measurement m : measurements) {
            out.append(m.name).append('\n');
            out.append("  how: ").append(m.how).append('\n');
            if (m.error != null) {
                out.append("  error: ").append(m.error).append('\n');
            }
            for (String d : m.details) {
                out.append("  - ").append(d).append('\n');
            }
        }
        for (String note : notes) {
            out.append("Note: ").append(note).append('\n');
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmarks\n\n");
        out.append("Run with `bench/run` (issue 6). Latest run: ").append(timestamp()).append(".\n\n");
        out.append("Machine: ").append(machine.oneLine()).append(".\n\n");
        out.append("| ").append(String.join(" | ", HEADINGS)).append(" |\n");
        out.append("|").append(" --- |".repeat(HEADINGS.length)).append('\n');
        for (Measurement m : measurements) {
            out.append("| ").append(String.join(" | ", escape(cells(m)))).append(" |\n");
        }
        out.append("\n## How each figure was measured\n");
        for (Measurement m : measurements) {
            out.append("\n### ").append(m.name).append("\n\n").append(m.how.replace("|", "\\|")).append("\n\n");
            if (m.error != null) {
                out.append("**Error:** ").append(m.error).append("\n\n");
            }
            for (String d : m.details) {
                out.append("- ").append(d).append('\n');
            }
        }
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n\n");
            for (String note : notes) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
    }

    private static String[] cells(Measurement m) {
        return new String[] {m.name, m.error != null ? "error" : m.tideway, m.reference, m.ratio, m.target,
                m.metText(), m.load};
    }

    private static String[] escape(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].replace("|", "\\|");
        }
        return out;
    }

    private String timestamp() {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0)) + " UTC";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
