package io.tideway.td;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

/**
 * The target API's reply to one call: status, headers, and the body, of which at most {@value #MAX_BODY_BYTES}
 * bytes are kept (the calls answer with small JSON objects).
 *
 * @param status  the status code
 * @param reason  the reason phrase, possibly empty
 * @param headers header names in lower case, each with its first value
 * @param body    the start of the body
 */
record TdReply(int status, String reason, Map<String, String> headers, String body) {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int EXCERPT_CHARS = 300;
    private static final JsonFactory JSON = new JsonFactory();

    static TdReply of(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue().strip());
        }
        String reason = response.getReasonPhrase() == null ? "" : response.getReasonPhrase().strip();
        return new TdReply(response.getCode(), reason, headers, bodyStart(response.getEntity()));
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@code 404 Not Found}. */
    String statusText() {
        String phrase = reason.isEmpty() ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH) : reason;
        return phrase == null || phrase.isEmpty() ? String.valueOf(status) : status + " " + phrase;
    }

    /**
     * What the server said went wrong: the error body's {@code text}, else its {@code message}, else its
     * {@code error} (TD's error shape), else the start of the body as it is.
     */
    String explanation() {
        for (String field : new String[] {"text", "message", "error"}) {
            Optional<String> value = field(field).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                return excerpt(value.get());
            }
        }
        return excerpt(body);
    }

    /** A top-level field of a JSON object body, as text; empty when the body is no JSON object or lacks it. */
    Optional<String> field(String name) {
        if (!body.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try (JsonParser json = JSON.createParser(body)) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals(name) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    return Optional.of(json.getText());
                }
                json.skipChildren();
            }
        } catch (IOException e) {
            // not JSON after all: no field
        }
        return Optional.empty();
    }

    private static String bodyStart(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0 && body.size() < MAX_BODY_BYTES; n = in.read(buffer)) {
                body.write(buffer, 0, Math.min(n, MAX_BODY_BYTES - body.size()));
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String excerpt(String text) {
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return collapsed.length() <= EXCERPT_CHARS ? collapsed : collapsed.substring(0, EXCERPT_CHARS) + "…";
    }
}
