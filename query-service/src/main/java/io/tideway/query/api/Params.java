package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's parameters wherever they came: the query string, a form body (the Ruby client) or a JSON body
 * (td-client-java's schedule calls), as text; a JSON null is a parameter not given.
 */
final class Params {

    private Params() {
    }

    static Map<String, String> of(HttpRequest<?> request, @Nullable Map<String, Object> body) {
        Map<String, String> params = new HashMap<>();
        request.getParameters().forEach((name, values) -> params.put(name, values.isEmpty() ? null : values.get(0)));
        if (body != null) {
            body.forEach((name, value) -> {
                Object v = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
                if (v != null) {
                    params.put(name, String.valueOf(v));
                }
            });
        }
        return params;
    }

    static int integer(Map<String, String> params, String name, int fallback) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
