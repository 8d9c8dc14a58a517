package io.tideway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Form posts and JSON answers against a running service, for tests. */
public final class JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningService service;

    public JsonApi(RunningService service) {
        this.service = service;
    }

    /** Posts {@code fields} (name, value, name, value, ...) as a form. */
    public HttpResponse<String> post(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return service.postForm(path, form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    /** Posts and expects 200; returns the JSON answer. */
    public JsonNode ok(String path, String... fields) {
        return ok(post(path, fields));
    }

    public JsonNode get(String path) {
        return ok(service.get(path));
    }

    public static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("Expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
