package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A request's parameters from its query string and its form or JSON body (Java sends JSON, Ruby forms). */
final class Params {

    private Params() {
    }

    static Map<String, String> of(HttpRequest<?> request, @Nullable Map<String, Object> body) {
        Map<String, String> params = new HashMap<>();
        request.getParameters().forEach((name, values) -> params.put(name, values.isEmpty() ? null : values.get(0)));
        if (body != null) {
            body.forEach((name, value) -> params.put(name, value == null ? null : String.valueOf(first(value))));
        }
        return params;
    }

    private static Object first(Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
    }
}
