package io.tideway.ftp;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes rows as CSV per RFC 4180, the way Tideway delivers results: UTF-8, CRLF after every line, fields
 * separated by {@code ,}. A field is quoted with {@code "} when it holds {@code ,} {@code "} CR or LF, or starts or
 * ends with a space ({@code c," d "}); a {@code "} inside quotes is doubled. NULL is an empty field; an empty string
 * is {@code ""}, so the two stay apart. Booleans are {@code true}/{@code false}, longs their digits, doubles as
 * {@link #formatDouble(double)} says; strings (JSON text for arrays and maps included) as given.
 *
 * <p>Encodes straight into its own buffer, with no allocation per field except for doubles; not thread-safe.
 */
public final class CsvWriter implements Flushable {

    private final OutputStream out;
    private final byte[] buffer;
    private int position;
    private long flushed;

    public CsvWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[Math.max(bufferSize, 16)];
    }

    /** Writes one line: the cells separated by commas, then CRLF. */
    public void writeRow(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            writeCell(cells.get(i));
        }
        put((byte) '\r');
        put((byte) '\n');
    }

    /** Writes the comma between two fields of a line. */
    public void writeSeparator() throws IOException {
        put((byte) ',');
    }

    /** Ends a line with CRLF. */
    public void writeLineEnd() throws IOException {
        if (buffer.length - position < 2) {
            flush();
        }
        buffer[position++] = '\r';
        buffer[position++] = '\n';
    }

    /** Writes one field as {@link #writeRow} would write the cell {@code Boolean.valueOf(value)}. */
    public void writeField(boolean value) throws IOException {
        writeAscii(value ? "true" : "false");
    }

    /** Writes one field as {@link #writeRow} would write the cell {@code Long.valueOf(value)}. */
    public void writeField(long value) throws IOException {
        writeLong(value);
    }

    /** Writes one field as {@link #writeRow} would write the cell {@code Double.valueOf(value)}. */
    public void writeField(double value) throws IOException {
        writeAscii(formatDouble(value));
    }

    /**
     * Writes one string field given as UTF-8 bytes, exactly as {@link #writeRow} writes the String they decode to,
     * without decoding it: ASCII is copied (quoted and with {@code "} doubled when the field asks for quotes);
     * a field with other bytes goes through the String (so that malformed UTF-8 comes out as the decoder's
     * replacement character, as before).
     */
    public void writeUtf8Field(byte[] utf8, int offset, int length) throws IOException {
        if (length == 0) {
            writeText("", true);
            return;
        }
        int end = offset + length;
        boolean quoted = utf8[offset] == ' ' || utf8[end - 1] == ' ';
        for (int i = offset; i < end; i++) {
            byte b = utf8[i];
            if (b < 0) {
                writeText(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            if (b == ',' || b == '"' || b == '\r' || b == '\n') {
                quoted = true;
            }
        }
        if (!quoted) {
            writeBytes(utf8, offset, length);
            return;
        }
        put((byte) '"');
        int from = offset;
        for (int i = offset; i < end; i++) {
            if (utf8[i] == '"') {
                writeBytes(utf8, from, i + 1 - from); // up to and including the quote, which is then doubled
                from = i;
            }
        }
        writeBytes(utf8, from, end - from);
        put((byte) '"');
    }

    private void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        if (buffer.length - position < length) {
            flush();
            if (length > buffer.length) {
                out.write(bytes, offset, length);
                flushed += length;
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    /** Bytes written so far, buffered ones included. */
    public long bytes() {
        return flushed + position;
    }

    /** Writes out the buffer; does not flush or close the underlying stream. */
    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, position);
        flushed += position;
        position = 0;
    }

    private void writeCell(Object cell) throws IOException {
        if (cell == null) {
            return;
        }
        if (cell instanceof String text) {
            writeText(text);
        } else if (cell instanceof Boolean bool) {
            writeAscii(bool ? "true" : "false");
        } else if (cell instanceof Long || cell instanceof Integer || cell instanceof Short || cell instanceof Byte) {
            writeLong(((Number) cell).longValue());
        } else if (cell instanceof Double || cell instanceof Float) {
            writeAscii(formatDouble(((Number) cell).doubleValue()));
        } else {
            writeText(cell.toString());
        }
    }

    private void writeText(String text) throws IOException {
        int length = text.length();
        // the common case in one pass: room for the whole field (3 bytes a char at most, and the quotes), written
        // unquoted while no character asks for quotes; one that does sends the field to the general path below
        if (length <= (buffer.length - 2) / 3) {
            if (buffer.length - position < 3 * length + 2) {
                flush();
            }
            if (length > 0 && text.charAt(0) != ' ' && text.charAt(length - 1) != ' ' && writeUnquoted(text)) {
                return;
            }
        }
        writeText(text, needsQuotes(text));
    }

    /**
     * Writes a field that needs no quotes straight into the buffer, which has room for it; false, with nothing
     * written, when it holds a character that asks for quotes or is not plain (surrogates).
     */
    private boolean writeUnquoted(String text) {
        byte[] b = buffer;
        int p = position;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                    return false;
                }
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        position = p;
        return true;
    }

    private void writeText(String text, boolean quoted) throws IOException {
        if (quoted) {
            put((byte) '"');
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == '"' && quoted) {
                    put((byte) '"');
                }
                put((byte) c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                putCodePoint(Character.toCodePoint(c, text.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?'); // a lone surrogate is no character; the JDK's encoders write '?' too
            } else {
                putCodePoint(c);
            }
        }
        if (quoted) {
            put((byte) '"');
        }
    }

    static boolean needsQuotes(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private void putCodePoint(int codePoint) throws IOException {
        if (buffer.length - position < 4) {
            flush();
        }
        if (codePoint < 0x800) {
            buffer[position++] = (byte) (0xC0 | (codePoint >> 6));
        } else if (codePoint < 0x10000) {
            buffer[position++] = (byte) (0xE0 | (codePoint >> 12));
            buffer[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        } else {
            buffer[position++] = (byte) (0xF0 | (codePoint >> 18));
            buffer[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
            buffer[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        }
        buffer[position++] = (byte) (0x80 | (codePoint & 0x3F));
    }

    private void writeLong(long value) throws IOException {
        if (value == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        if (buffer.length - position < 20) {
            flush();
        }
        if (value < 0) {
            buffer[position++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = position + digits - 1; i >= position; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position += digits;
    }

    private void writeAscii(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    private void put(byte b) throws IOException {
        if (position == buffer.length) {
            flush();
        }
        buffer[position++] = b;
    }

    /**
     * A double as the shortest decimal that reads back as the same double ({@link Double#toString(double)}'s digits),
     * written without an exponent when {@code 1e-7 <= |v| < 1e21} (the range ECMAScript prints plainly), so that
     * {@code 1.0E7} is {@code 10000000.0} and {@code 1.5E-5} is {@code 0.000015}; outside that range Java's
     * scientific form ({@code 1.0E21}, {@code 1.0E-8}). Integral values keep {@code .0}; {@code NaN},
     * {@code Infinity} and {@code -Infinity} as Java writes them.
     */
    static String formatDouble(double value) {
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        int exponent = Integer.parseInt(text.substring(e + 1));
        if (exponent < -7 || exponent >= 21) {
            return text;
        }
        boolean negative = text.charAt(0) == '-';
        String digits = stripTrailingZeros(text.substring(negative ? 1 : 0, e).replace(".", ""));
        int point = exponent + 1;
        StringBuilder plain = new StringBuilder(32);
        if (negative) {
            plain.append('-');
        }
        if (point <= 0) {
            plain.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            plain.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            plain.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return plain.toString();
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
