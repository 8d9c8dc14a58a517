package io.tideway.query.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Treasure Data's error body, which both of its clients read: {@code error} (a title), {@code text} (what
 * td-client-java puts in its exception), {@code message} (what the Ruby client reads), {@code severity}, and on a
 * conflict {@code details.conflicts_with}.
 */
final class ErrorBody {

    private ErrorBody() {
    }

    static MutableHttpResponse<Map<String, Object>> response(ApiException e) {
        return response(e.status(), e.error(), e.getMessage(), e.conflictsWith());
    }

    static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String error, String text,
                                                             String conflictsWith) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("text", text);
        body.put("message", text);
        body.put("severity", "error");
        if (conflictsWith != null) {
            body.put("details", Map.of("conflicts_with", conflictsWith));
        }
        return HttpResponse.<Map<String, Object>>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }
}
