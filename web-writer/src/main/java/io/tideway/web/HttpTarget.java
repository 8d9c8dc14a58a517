package io.tideway.web;

import io.tideway.destination.DestinationUrl;
import io.tideway.writer.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a result URL asks for, in HTTP terms: {@code web://[user:pass@]host[:port]/path[?query]} is a PUT (a POST
 * with {@code method=post}) of {@code /path?query} to {@code host:port}, over TLS for {@code webs}. The query string
 * is kept as given, without the {@code method} parameter; path and query are percent-encoded where HTTP needs it.
 *
 * @param method        {@code PUT} or {@code POST}
 * @param host          the host as written in the URL (an IPv6 literal in brackets)
 * @param port          the port
 * @param secure        whether to use TLS
 * @param requestTarget the path and query sent on the request line
 * @param authorization the {@code Authorization} header value, when the URL gives a user and a password
 */
record HttpTarget(String method, String host, int port, boolean secure, String requestTarget,
                  Optional<String> authorization) {

    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@/";
    private static final String QUERY_SAFE = PATH_SAFE + "?%";

    static HttpTarget of(DestinationUrl url) throws DeliveryException {
        boolean secure = url.scheme().equals("webs");
        String path = url.path().isEmpty() ? "/" : encode(url.path(), PATH_SAFE);
        String query = queryWithoutMethod(url.unmaskedUrl());
        Optional<String> authorization = url.user().isPresent() && url.password().isPresent()
                ? Optional.of("Basic " + Base64.getEncoder().encodeToString(
                        (url.user().get() + ":" + url.password().get()).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        return new HttpTarget(method(url), url.host(), url.port(), secure, query.isEmpty() ? path : path + "?" + query,
                authorization);
    }

    private static String method(DestinationUrl url) throws DeliveryException {
        String method = url.parameter("method").orElse("put").strip().toUpperCase(Locale.ROOT);
        if (!method.equals("PUT") && !method.equals("POST")) {
            throw DeliveryException.permanent("Result URL " + url.masked() + " has method '"
                    + url.parameter("method").orElse("") + "'; use method=put (the default) or method=post");
        }
        return method;
    }

    /** The raw query string of the URL (it starts at the first {@code ?}, as DestinationUrl reads it). */
    private static String queryWithoutMethod(String url) {
        int q = url.indexOf('?', url.indexOf("://") + 3);
        if (q < 0) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : url.substring(q + 1).split("&")) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!pair.isEmpty() && !key.equalsIgnoreCase("method")) {
                kept.add(encode(pair, QUERY_SAFE));
            }
        }
        return String.join("&", kept);
    }

    /** Percent-encodes the UTF-8 bytes of every character that is not a letter, a digit or in {@code safe}. */
    private static String encode(String text, String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || safe.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The {@code Host} header: the host, and the port unless it is the scheme's default. */
    String hostHeader() {
        return port == (secure ? 443 : 80) ? host : host + ":" + port;
    }

    /** The host name for TLS (SNI and certificate check): without an IPv6 literal's brackets. */
    String tlsHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether the host is an address literal rather than a name (no SNI is sent for those). */
    boolean hostIsAddress() {
        return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
    }
}
