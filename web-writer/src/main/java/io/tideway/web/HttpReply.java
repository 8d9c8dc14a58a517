package io.tideway.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A server's reply, as much of it as a writer needs: status, headers, and the start of the body for error
 * messages. The rest of the body is never read; the connection is closed after one exchange.
 *
 * @param status  the status code
 * @param reason  the reason phrase, possibly empty
 * @param headers header names in lower case, each with its first value
 * @param excerpt the first {@value #EXCERPT_CHARS} characters of the body, white space collapsed
 */
record HttpReply(int status, String reason, Map<String, String> headers, String excerpt) {

    static final int EXCERPT_CHARS = 200;
    private static final int EXCERPT_BYTES = 4 * EXCERPT_CHARS;
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    /** Reads a reply, skipping interim 1xx ones. */
    static HttpReply read(InputStream in) throws IOException {
        while (true) {
            String statusLine = readLine(in, true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
                throw new IOException("The server's reply is not HTTP: '" + excerpt(statusLine) + "'");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = readHeaders(in);
            if (status >= 200 || status == 101) {
                return new HttpReply(status, parts.length > 2 ? parts[2].strip() : "", headers,
                        excerpt(readBodyStart(in, headers)));
            }
        }
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@code 404 Not Found}. */
    String statusText() {
        return reason.isEmpty() ? String.valueOf(status) : status + " " + reason;
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int n = 0; n < MAX_HEADERS; n++) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        throw new IOException("The server's reply has more than " + MAX_HEADERS + " headers");
    }

    /** The start of the body; whatever cannot be read is left out, since the status is what counts. */
    private static String readBodyStart(InputStream in, Map<String, String> headers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
                for (long size = chunkSize(in); size > 0 && body.size() < EXCERPT_BYTES; size = chunkSize(in)) {
                    copy(in, body, size);
                    readLine(in, false);
                }
            } else {
                long length = Long.parseLong(headers.getOrDefault("content-length", String.valueOf(Long.MAX_VALUE)));
                copy(in, body, length);
            }
        } catch (IOException | NumberFormatException e) {
            // keep what was read
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static long chunkSize(InputStream in) throws IOException {
        String line = readLine(in, false);
        int extension = line.indexOf(';');
        return Long.parseLong((extension >= 0 ? line.substring(0, extension) : line).strip(), 16);
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long length) throws IOException {
        byte[] buffer = new byte[EXCERPT_BYTES];
        long left = Math.min(length, EXCERPT_BYTES - body.size());
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (n < 0) {
                return;
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String readLine(InputStream in, boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException(first && line.length() == 0 ? "The server closed the connection without a reply"
                        : "The server's reply ended early");
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("The server's reply has a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static String excerpt(String text) {
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return collapsed.length() <= EXCERPT_CHARS ? collapsed : collapsed.substring(0, EXCERPT_CHARS) + "…";
    }
}
