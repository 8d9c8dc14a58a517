package io.tideway.td;

import io.tideway.destination.DestinationUrl;
import io.tideway.writer.DeliveryException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a result goes, read from {@code td://APIKEY@host[:port]/db/table[?mode=append|replace][&https=true]}: the
 * target account's API (TLS when the port is 443 or {@code https=true}), its key, the table, the mode, and the
 * import session the job's rows go through, {@code tideway_<jobId>} (only {@code [A-Za-z0-9_]}), the same on every
 * attempt so that a redelivery reuses it.
 *
 * @param url      the URL, for messages ({@link DestinationUrl#masked()}) and masking
 * @param apiKey   the target account's API key, sent as {@code Authorization: TD1 <key>}
 * @param baseUri  {@code http[s]://host:port}
 * @param database the database
 * @param table    the table
 * @param replace  whether the table's rows are replaced ({@code mode=replace}) rather than appended to
 * @param session  the import session's name
 */
record TdTarget(DestinationUrl url, String apiKey, String baseUri, String database, String table, boolean replace,
                String session) {

    private static final String NAME = "[a-z0-9_]{1,256}";

    static TdTarget of(DestinationUrl url, String jobId, List<String> columnNames) throws DeliveryException {
        if (!url.scheme().equals("td")) {
            throw refused(url, "the td-writer delivers td:// URLs only");
        }
        String key = url.user().orElse("");
        if (key.isEmpty() || url.host().isEmpty()) {
            throw refused(url, "names no API key and host; write td://APIKEY@host/db/table (the query service "
                    + "fills both in for td://@/db/table when the job is submitted)");
        }
        if (!key.matches("[\\x21-\\x7e]+")) {
            throw refused(url, "has an API key that cannot be sent in an HTTP header (it holds spaces or "
                    + "control characters)");
        }
        String[] parts = url.path().substring(1).split("/", -1);
        requireName(url, "database", parts[0]);
        requireName(url, "table", parts[1]);
        requireDistinct(url, columnNames);
        return new TdTarget(url, key, baseUri(url), parts[0], parts[1], replace(url), session(jobId));
    }

    /** {@code append} or {@code replace}, as the commit's {@code mode} parameter. */
    String mode() {
        return replace ? "replace" : "append";
    }

    /** {@code db.table}, for messages. */
    String tableName() {
        return database + "." + table;
    }

    static String session(String jobId) {
        return "tideway_" + jobId.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String baseUri(DestinationUrl url) throws DeliveryException {
        String https = url.parameter("https").orElse("false").strip().toLowerCase(Locale.ROOT);
        if (!https.equals("true") && !https.equals("false")) {
            throw refused(url, "has https '" + url.parameter("https").orElse("") + "'; use https=true or leave it out");
        }
        boolean secure = https.equals("true") || url.port() == 443;
        String host = url.host().contains(":") && !url.host().startsWith("[") ? "[" + url.host() + "]" : url.host();
        return (secure ? "https://" : "http://") + host + ":" + url.port();
    }

    private static boolean replace(DestinationUrl url) throws DeliveryException {
        String mode = url.parameter("mode").orElse("append");
        if (!mode.equals("append") && !mode.equals("replace")) {
            throw refused(url, "has mode '" + mode + "'; use mode=append or mode=replace");
        }
        return mode.equals("replace");
    }

    private static void requireName(DestinationUrl url, String what, String name) throws DeliveryException {
        if (!name.matches(NAME)) {
            throw refused(url, "names the " + what + " '" + name + "', which is not a valid name: use lower-case "
                    + "letters, digits and '_' (at most 256)");
        }
    }

    private static void requireDistinct(DestinationUrl url, List<String> columnNames) throws DeliveryException {
        Set<String> seen = new HashSet<>();
        for (String name : columnNames) {
            if (!seen.add(name)) {
                throw DeliveryException.permanent("Cannot write the result into " + url.masked() + ": it has two "
                        + "columns named '" + name + "'; give them distinct names (SELECT ... AS ...)");
            }
        }
    }

    private static DeliveryException refused(DestinationUrl url, String why) {
        return DeliveryException.permanent("Result URL " + url.masked() + " " + why);
    }
}
