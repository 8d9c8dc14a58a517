package io.tideway.destination;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed destination URL: {@code ftp://user:pass@host[:port]/dir/file.csv}, {@code web[s]://[user:pass@]host[:port]/path},
 * {@code td://[APIKEY]@[host[:port]]/db/table[?mode=append|replace]}.
 *
 * <p>User and password are percent-decoded. The user info ends at the last {@code @} before the path, so a
 * password may hold {@code @}; a path that holds {@code @} must write it as {@code %40}. {@link #toString()} and
 * every error message show the URL masked: the password (or a td API key) becomes {@code ***}.
 */
public final class DestinationUrl {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("ftp", 21, "web", 80, "webs", 443, "td", 443);

    private final String scheme;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final boolean portGiven;
    private final String path;
    private final Map<String, String> parameters;
    private final String url;

    private DestinationUrl(String scheme, String user, String password, String host, int port, boolean portGiven,
                           String path, Map<String, String> parameters, String url) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.portGiven = portGiven;
        this.path = path;
        this.parameters = parameters;
        this.url = url;
    }

    /** Parses and checks a URL; anything unusable raises {@link InvalidDestinationException} saying why. */
    public static DestinationUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDestinationException("The result URL is empty; give one such as ftp://user:password@host/path.csv");
        }
        String trimmed = url.strip();
        int sep = trimmed.indexOf("://");
        if (sep <= 0) {
            throw new InvalidDestinationException("'" + Masker.maskUrlLike(trimmed) + "' is not a URL: expected scheme://host/path, "
                    + "e.g. ftp://user:password@host/path.csv, web://host/path or td://@/db/table");
        }
        String scheme = trimmed.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!DEFAULT_PORTS.containsKey(scheme)) {
            throw new InvalidDestinationException("Unknown destination scheme '" + scheme + "' in "
                    + Masker.maskUrlLike(trimmed) + "; supported: ftp, web, webs, td");
        }
        String rest = trimmed.substring(sep + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? decode(rest.substring(slash), "path", scheme) : "";

        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, "user name", scheme);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1), "password", scheme) : null;
        }
        String host = authority;
        int port = DEFAULT_PORTS.get(scheme);
        boolean portGiven = false;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, portColon);
            port = parsePort(authority.substring(portColon + 1), scheme);
            portGiven = true;
        }
        DestinationUrl parsed = new DestinationUrl(scheme, user, password, host, port, portGiven, path,
                parseParameters(query, scheme), trimmed);
        parsed.check();
        return parsed;
    }

    private void check() {
        switch (scheme) {
            case "ftp" -> {
                requireHost();
                if (path.isEmpty() || path.equals("/") || path.endsWith("/")) {
                    throw invalid("names no file: give a path such as ftp://user:password@host/dir/file.csv");
                }
                // the path is decoded already, so %2e%2e is caught too; a relative segment could leave the
                // directory the URL names (and the FTP user's home with it)
                if (java.util.Arrays.stream(path.split("/")).anyMatch(s -> s.equals("..") || s.equals("."))) {
                    throw invalid("has a '.' or '..' segment in its path: name the directory and file directly, "
                            + "e.g. ftp://user:password@host/dir/file.csv");
                }
            }
            case "web", "webs" -> requireHost();
            case "td" -> {
                String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw invalid("must name a database and a table: td://@/db/table or td://APIKEY@host/db/table");
                }
                String mode = parameters.getOrDefault("mode", "append");
                if (!mode.equals("append") && !mode.equals("replace")) {
                    throw invalid("has mode '" + mode + "'; use mode=append or mode=replace");
                }
            }
            default -> throw new IllegalStateException(scheme);
        }
    }

    private void requireHost() {
        if (host.isEmpty()) {
            throw invalid("has no host: write " + scheme + "://[user:password@]host[:port]/path");
        }
    }

    private InvalidDestinationException invalid(String why) {
        return new InvalidDestinationException("Result URL " + masked() + " " + why);
    }

    private static int parsePort(String text, String scheme) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidDestinationException("Bad port '" + text + "' in the " + scheme
                + " URL: a port is a number from 1 to 65535");
    }

    private static String decode(String text, String what, String scheme) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException("The " + what + " of the " + scheme
                    + " URL has a bad percent-escape; write a literal % as %25");
        }
    }

    private static Map<String, String> parseParameters(String query, String scheme) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair, "parameters", scheme);
            parameters.put(key.toLowerCase(Locale.ROOT), eq >= 0 ? decode(pair.substring(eq + 1), "parameters", scheme) : "");
        }
        return Collections.unmodifiableMap(parameters);
    }

    public String scheme() {
        return scheme;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The decoded path, starting with {@code /}, or empty. */
    public String path() {
        return path;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** The URL exactly as given, secrets included: only for sealing and for the writer that delivers. */
    public String unmaskedUrl() {
        return url;
    }

    /** The secrets of this URL (password, or a td API key), for masking them in text such as a server reply. */
    public Masker masker() {
        return scheme.equals("td") ? Masker.of(user) : Masker.of(password);
    }

    /** The URL with secrets replaced by {@code ***}: {@code ftp://user:***@host/path.csv}. */
    public String masked() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (scheme.equals("td")) {
            if (user != null) {
                out.append(user.isEmpty() ? "" : "***").append('@');
            }
        } else if (user != null) {
            out.append(user);
            if (password != null) {
                out.append(":***");
            }
            out.append('@');
        }
        out.append(host);
        if (portGiven) {
            out.append(':').append(port);
        }
        out.append(path);
        if (!parameters.isEmpty()) {
            out.append('?');
            parameters.forEach((k, v) -> out.append(k).append('=').append(v).append('&'));
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return masked();
    }
}
