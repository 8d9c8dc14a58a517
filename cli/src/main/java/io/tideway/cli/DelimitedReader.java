package io.tideway.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads CSV or TSV records with RFC 4180 quoting, one record at a time from a stream of UTF-8 bytes: a field in
 * double quotes may hold the separator, line breaks and doubled quotes ({@code ""}). Lines end in LF, CRLF or CR;
 * empty lines are skipped. Every error names its line.
 */
final class DelimitedReader {

    /** A field longer than this is refused rather than held in memory (most likely a quote left open). */
    static final int MAX_FIELD_BYTES = 32 << 20;

    private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");
    private static final Pattern DECIMAL =
            Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)");

    /** One field: its text, and whether it was quoted. */
    record Cell(String text, boolean quoted) {

        /**
         * The value to import. Unquoted: empty is null, an integer a long (text when it does not fit or has leading
         * zeros), a decimal ({@code 1.5}, {@code -0.25}, {@code 1e10}) a double, anything else text. Quoted: always
         * text, so {@code ""} is the empty string and {@code "007"} keeps its zeros.
         */
        Object value() {
            if (quoted) {
                return text;
            }
            if (text.isEmpty()) {
                return null;
            }
            if (INTEGER.matcher(text).matches()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            return DECIMAL.matcher(text).matches() ? (Object) Double.parseDouble(text) : text;
        }
    }

    private final InputStream in;
    private final byte separator;
    private final String file;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream field = new ByteArrayOutputStream();
    private long line = 1;
    private long recordLine;
    private int previous = -1;
    private int pending = -2;

    /** {@code in} should be buffered. */
    DelimitedReader(InputStream in, char separator, String file) {
        this.in = in;
        this.separator = (byte) separator;
        this.file = file;
    }

    /** The line the last record returned started on. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end of the input. */
    List<Cell> next() throws IOException {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = read();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<Cell> cells = new ArrayList<>();
        while (true) {
            field.reset();
            long fieldLine = line;
            boolean quoted = c == '"';
            c = quoted ? readQuoted() : readPlain(c, cells.size() + 1);
            cells.add(new Cell(decode(fieldLine), quoted));
            if (c == separator) {
                c = read();
                continue;
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    pending = after;
                }
            }
            return cells;
        }
    }

    private int readPlain(int c, int column) throws IOException {
        while (c >= 0 && c != separator && c != '\n' && c != '\r') {
            if (c == '"') {
                throw bad(line, "field " + column + " has a quote but does not start with one (quote the whole "
                        + "field and double the quotes inside: \"a \"\"b\"\" c\")");
            }
            write(c);
            c = read();
        }
        return c;
    }

    /** After the opening quote: the field up to its closing quote; returns the byte after it. */
    private int readQuoted() throws IOException {
        long opened = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw bad(opened, "a quoted field opened on this line is not closed before the end of the file");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after >= 0 && after != separator && after != '\n' && after != '\r') {
                        throw bad(line, "'" + (char) after + "' after the closing quote of a field (a quote inside "
                                + "a quoted field is written as \"\")");
                    }
                    return after;
                }
            }
            write(c);
        }
    }

    private void write(int c) {
        if (field.size() >= MAX_FIELD_BYTES) {
            throw bad(recordLine, "a field of the record starting on this line is longer than "
                    + (MAX_FIELD_BYTES >> 20) + " MB (is a quote left open?)");
        }
        field.write(c);
    }

    private String decode(long fieldLine) {
        try {
            return utf8.decode(ByteBuffer.wrap(field.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw bad(fieldLine, "the text is not valid UTF-8");
        }
    }

    /** The next byte, counting lines as they end (a byte pushed back was counted when first read). */
    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        int c = in.read();
        if (c == '\n' && previous != '\r' || c == '\r') {
            line++;
        }
        previous = c;
        return c;
    }

    private BadLineException bad(long at, String problem) {
        return new BadLineException(file, at, problem);
    }
}
