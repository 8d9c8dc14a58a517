package io.tideway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

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

    /** The reply, reading no more of its body than the excerpt needs. */
    static HttpReply of(ClassicHttpResponse response) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue().strip());
        }
        String reason = response.getReasonPhrase() == null ? "" : response.getReasonPhrase().strip();
        return new HttpReply(response.getCode(), reason, headers, excerpt(bodyStart(response.getEntity())));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@code 404 Not Found}. */
    String statusText() {
        return reason.isEmpty() ? String.valueOf(status) : status + " " + reason;
    }

    /** The start of the body; whatever cannot be read is left out, since the status is what counts. */
    private static String bodyStart(HttpEntity entity) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (entity != null) {
            try {
                InputStream in = entity.getContent(); // not closed: that would read the rest
                byte[] buffer = new byte[EXCERPT_BYTES];
                for (int n = 0; n >= 0 && body.size() < EXCERPT_BYTES; n = in.read(buffer, 0, EXCERPT_BYTES - body.size())) {
                    body.write(buffer, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                // keep what was read
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String excerpt(String text) {
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return collapsed.length() <= EXCERPT_CHARS ? collapsed : collapsed.substring(0, EXCERPT_CHARS) + "…";
    }
}
