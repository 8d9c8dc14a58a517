package io.tideway.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * How the web-writer talks to web servers ({@code tideway.web.*}).
 *
 * @param maxRows         {@code tideway.web.max-rows}: rows sent at most per job; the rest is dropped and counted on
 *                        the job's {@code DELIVERED} event; default {@value #DEFAULT_MAX_ROWS}
 * @param connectTimeout  {@code tideway.web.connect-timeout}: longest wait to connect, TLS handshake included;
 *                        default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s
 * @param requestTimeout  {@code tideway.web.request-timeout}: longest the server may take a part of the body
 *                        without making progress, and longest wait for its response once the body is sent;
 *                        default {@value #DEFAULT_REQUEST_TIMEOUT_SECONDS} s
 * @param allowedNetworks {@code tideway.web.allowed-networks}: CIDR blocks (e.g. {@code 127.0.0.0/8,::1/128}) that
 *                        may be reached although they are loopback, private, link-local or metadata addresses,
 *                        which are refused by default; default none
 */
@ConfigurationProperties("tideway.web")
public record WebSettings(@Nullable Long maxRows, @Nullable Duration connectTimeout, @Nullable Duration requestTimeout,
                          @Nullable List<String> allowedNetworks) {

    public static final long DEFAULT_MAX_ROWS = 100_000;
    public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final long DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;
    public static final WebSettings DEFAULTS = new WebSettings(null, null, null, null);

    public WebSettings {
        maxRows = maxRows == null ? DEFAULT_MAX_ROWS : maxRows;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS) : requestTimeout;
        allowedNetworks = allowedNetworks == null ? List.of()
                : allowedNetworks.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
        if (maxRows < 0) {
            throw new IllegalArgumentException("tideway.web.max-rows must be 0 or more, not " + maxRows);
        }
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(requestTimeout, "request-timeout");
    }

    /** The same settings with other allowed networks, e.g. {@code withAllowedNetworks("127.0.0.0/8")}. */
    public WebSettings withAllowedNetworks(String... networks) {
        return new WebSettings(maxRows, connectTimeout, requestTimeout, List.of(networks));
    }

    public WebSettings withMaxRows(long maxRows) {
        return new WebSettings(maxRows, connectTimeout, requestTimeout, allowedNetworks);
    }

    public WebSettings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new WebSettings(maxRows, connectTimeout, requestTimeout, allowedNetworks);
    }

    private static void requirePositive(Duration timeout, String key) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tideway.web." + key + " must be positive, not " + timeout);
        }
    }

    @Override
    public String toString() {
        return "web.max-rows=" + maxRows + ", web.connect-timeout=" + connectTimeout + ", web.request-timeout="
                + requestTimeout + ", web.allowed-networks=" + allowedNetworks;
    }
}
