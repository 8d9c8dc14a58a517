package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The few calls of Treasure Data's v3 REST API the command line makes, over the JDK's HTTP client. */
public final class TdApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_ERROR_BODY = 2000;

    private final ApiConfig config;
    private final HttpClient http;

    public TdApi(ApiConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    public JsonNode get(String path, Map<String, String> query) {
        return json(request(path, query).timeout(CALL_TIMEOUT).GET().build());
    }

    public JsonNode postForm(String path, Map<String, String> form) {
        HttpRequest.BodyPublisher body = form.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(encode(form));
        HttpRequest.Builder request = request(path, Map.of()).timeout(CALL_TIMEOUT).POST(body);
        if (!form.isEmpty()) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return json(request.build());
    }

    /** PUTs the file as {@code application/octet-stream} with its exact length, streamed from disk. */
    public JsonNode put(String path, Path file) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage());
        }
        return json(request(path, Map.of()).timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "application/octet-stream").PUT(body).build());
    }

    /** The response body as a stream, for results that must not be held in memory. The caller closes it. */
    public InputStream stream(String path, Map<String, String> query) {
        HttpResponse<InputStream> response = send(request(path, query).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                throw error(response.statusCode(), new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw error(response.statusCode(), "");
            }
        }
        return response.body();
    }

    /** One path segment, escaped the way td-client-java escapes it (space as %20, '/' as %2F). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public URI endpoint() {
        return config.endpoint();
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        String url = config.endpoint().toString() + path + (query.isEmpty() ? "" : "?" + encode(query));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization(config.apiKey()))
                .header("User-Agent", "tideway-td/0.1");
    }

    /** {@code TD1 <key>}, unless the key already names its scheme ({@code TD1 ...}, {@code Bearer ...}). */
    static String authorization(String apiKey) {
        return apiKey.contains(" ") ? apiKey : "TD1 " + apiKey;
    }

    private JsonNode json(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body());
        }
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException("The API server at " + config.endpoint() + " sent a response that is not JSON "
                    + "for " + request.uri().getPath());
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new UnreachableException("The API server at " + config.endpoint() + " is not reachable (connection "
                    + "refused). Start the local stack with bin/tideway up, or point TD_API_SERVER at a running "
                    + "server.");
        } catch (IOException e) {
            throw new UnreachableException("The request to the API server at " + config.endpoint() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private ApiException error(int status, String body) {
        String text = UrlMasking.maskAll(errorText(body)); // the server should mask, but it may echo a URL given
        if (status == 401) {
            return new ApiException(status, "The API key is missing or wrong (HTTP 401" + (text.isEmpty() ? ""
                    : ": " + text) + "). The key was read from " + config.keySource() + ". "
                    + ApiConfig.HOW_TO_SET);
        }
        return new ApiException(status, text.isEmpty() ? "The API server answered HTTP " + status + "." : text);
    }

    /** The API's own message: {@code text}, else {@code message}, else {@code error}, else the raw body. */
    static String errorText(String body) {
        String trimmed = body == null ? "" : body.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                for (String key : new String[] {"text", "message", "error"}) {
                    if (node.hasNonNull(key) && !node.get(key).asText().isBlank()) {
                        return node.get(key).asText();
                    }
                }
            } catch (IOException e) {
                // not JSON after all: show the body as it is
            }
        }
        return trimmed.length() > MAX_ERROR_BODY ? trimmed.substring(0, MAX_ERROR_BODY) + "..." : trimmed;
    }

    static String encode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        new LinkedHashMap<>(params).forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
