package io.tideway.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws rows as the toolbelt does (Hirb's ASCII tables, then "N rows in set"). Column widths come from the first
 * {@code bufferRows} rows; later rows are printed as they come, so a large result is never held in memory (a cell
 * wider than its column then just runs over).
 */
final class TableRenderer {

    static final int DEFAULT_BUFFER_ROWS = 1000;

    private final PrintStream out;
    private final List<String> header;
    private final int bufferRows;
    private final List<List<String>> buffered = new ArrayList<>();
    private int[] widths;
    private long count;

    TableRenderer(PrintStream out, List<String> header, int bufferRows) {
        this.out = out;
        this.header = new ArrayList<>(header);
        this.bufferRows = bufferRows;
    }

    static void render(PrintStream out, List<String> header, List<List<String>> rows) {
        TableRenderer table = new TableRenderer(out, header, Integer.MAX_VALUE);
        rows.forEach(table::add);
        table.finish();
    }

    void add(List<String> row) {
        count++;
        List<String> cells = row.stream().map(TableRenderer::clean).toList();
        if (widths == null) {
            buffered.add(cells);
            if (buffered.size() >= bufferRows) {
                flushBuffer();
            }
        } else {
            printRow(cells);
        }
    }

    void finish() {
        if (widths == null) {
            flushBuffer();
        }
        out.println(border());
        out.println(count == 1 ? "1 row in set" : count + " rows in set");
    }

    private void flushBuffer() {
        int columns = header.size();
        for (List<String> row : buffered) {
            columns = Math.max(columns, row.size());
        }
        while (header.size() < columns) {
            header.add("_c" + header.size());
        }
        widths = new int[columns];
        measure(header);
        buffered.forEach(this::measure);
        out.println(border());
        printRow(header);
        out.println(border());
        buffered.forEach(this::printRow);
        buffered.clear();
    }

    private void measure(List<String> row) {
        for (int i = 0; i < row.size(); i++) {
            widths[i] = Math.max(widths[i], width(row.get(i)));
        }
    }

    private void printRow(List<String> row) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = i < row.size() ? row.get(i) : "";
            line.append(' ').append(cell).append(" ".repeat(Math.max(0, widths[i] - width(cell)))).append(" |");
        }
        for (int i = widths.length; i < row.size(); i++) {
            line.append(' ').append(row.get(i)).append(" |");
        }
        out.println(line);
    }

    private String border() {
        StringBuilder line = new StringBuilder("+");
        for (int w : widths) {
            line.append("-".repeat(w + 2)).append('+');
        }
        return line.toString();
    }

    private static String clean(String cell) {
        return cell == null ? "" : cell.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** Columns a terminal uses for the text: East Asian wide characters take two. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60
                || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x1F300 && cp <= 0x1F64F || cp >= 0x1F900 && cp <= 0x1F9FF
                || cp >= 0x20000 && cp <= 0x3FFFD;
    }
}
