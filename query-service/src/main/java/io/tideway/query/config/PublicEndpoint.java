package io.tideway.query.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Where this service's API is reached, for the td-writer delivering a same-account {@code td://@/db/table} result:
 * {@code tideway.query.public-endpoint} ({@code http[s]://host[:port]}), by default
 * {@code http://127.0.0.1:<the port the server listens on>}.
 */
@Singleton
public class PublicEndpoint implements ApplicationEventListener<ServerStartupEvent> {

    private final URI configured;
    private volatile int listeningPort = -1;

    public PublicEndpoint(@Value("${tideway.query.public-endpoint:}") String configured) {
        this.configured = configured == null || configured.isBlank() ? null : parse(configured.strip());
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        listeningPort = event.getSource().getPort();
    }

    /** The endpoint as a URI with scheme http or https, host and port. */
    public URI uri() {
        if (configured != null) {
            return configured;
        }
        if (listeningPort <= 0) {
            throw new IllegalStateException("The server has not started, so its endpoint is not known yet; set "
                    + "tideway.query.public-endpoint");
        }
        return URI.create("http://127.0.0.1:" + listeningPort);
    }

    /**
     * The td URL the td-writer reads for a table of this service: {@code td://KEY@host:port/db/table?...}, with
     * {@code https=true} added when the endpoint is https on a port other than 443.
     */
    public String tdUrl(String apiKey, String database, String table, Map<String, String> parameters) {
        URI uri = uri();
        boolean https = uri.getScheme().equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        StringBuilder url = new StringBuilder("td://").append(apiKey).append('@').append(uri.getHost()).append(':')
                .append(port).append('/').append(database).append('/').append(table);
        String separator = "?";
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            url.append(separator).append(p.getKey()).append('=').append(p.getValue());
            separator = "&";
        }
        if (https && port != 443 && !parameters.containsKey("https")) {
            url.append(separator).append("https=true");
        }
        return url.toString();
    }

    private static URI parse(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tideway.query.public-endpoint '" + text + "' is not a URL: "
                    + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("tideway.query.public-endpoint must be http://host[:port] or "
                    + "https://host[:port], not '" + text + "'");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "PublicEndpoint[" + (configured == null ? "http://127.0.0.1:<server port>" : configured) + "]";
    }
}
