package io.tideway.query;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.destination.SecretBox;
import io.tideway.testing.SharedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A query service on the shared broker, with its own data directory, for one test class. */
public final class RunningService implements AutoCloseable {

    public static final String API_KEY = "1/0123456789abcdef0123456789abcdef01234567";
    /** The write-only key of account 1, derived from its bootstrap master key. */
    public static final String WRITE_ONLY_KEY = io.tideway.query.accounts.ApiKeys.derivedWriteOnlyKey("1", API_KEY);
    public static final String SECRET_KEY = SecretBox.generateKey();

    private final EmbeddedServer server;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningService(EmbeddedServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static RunningService start() {
        try {
            return start(Files.createTempDirectory("query-service-test"), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunningService start(Path dataDir, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("tideway.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        props.put("tideway.secret-key", SECRET_KEY);
        props.put("tideway.instance-id", "test-" + UUID.randomUUID());
        props.put("tideway.query.data-dir", dataDir.toString());
        props.put("tideway.query.seed-sample-data", true);
        props.put("tideway.query.bootstrap-api-key", API_KEY);
        props.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        return new RunningService(server, dataDir);
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "TD1 " + API_KEY).GET().build());
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "TD1 " + API_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A call with any key (null for none) and an optional body. */
    public HttpResponse<String> call(String method, String path, String apiKey, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "TD1 " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/octet-stream");
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true)
                    .timeout(java.time.Duration.ofSeconds(30)).build();
            return http.send(bounded, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
