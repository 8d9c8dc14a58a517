package io.tideway.query.jobs;

import io.tideway.destination.DestinationUrl;
import io.tideway.destination.InvalidDestinationException;
import io.tideway.query.config.PublicEndpoint;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Same-account table destinations, {@code td://@/db/table}: a table of the account that asks, written by the
 * td-writer through this service's import API with a key of that account.
 *
 * <p>The key is the one of whoever gave the URL. An ad-hoc job is sealed with the submitter's key at once; a saved
 * destination or a schedule is sealed, when it is created or updated, as {@code td://KEY@/db/table}: with its
 * creator's key but still without a host, because the job that uses it may run on another instance, or after the
 * public endpoint moved. When a job runs, {@link #forDelivery} adds the endpoint of the instance that runs it. The
 * key travels sealed only; every listing shows the URL as the user wrote it.
 */
@Singleton
public class SameAccountTables {

    private final PublicEndpoint endpoint;

    public SameAccountTables(PublicEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Whether {@code url} is a table of the asking account (td:// without a host). */
    public static boolean isSameAccount(DestinationUrl url) {
        return url.scheme().equals("td") && url.host().isEmpty();
    }

    /**
     * The URL as shown: a same-account table as the user writes it, {@code td://@/db/table}, whether or not a key
     * was sealed in with it; anything else masked.
     */
    public static String shown(DestinationUrl url) {
        return isSameAccount(url) ? url.masked().replaceFirst("^td://\\*\\*\\*@", "td://@") : url.masked();
    }

    /**
     * {@code url} (secrets in clear) with {@code apiKey} put in as its key when it is a same-account table URL that
     * names none ({@code td://@/db} → {@code td://KEY@/db}); any other URL as it is. {@code parsed} is {@code url}
     * parsed (a saved URL's base may be parsed with a probe path appended).
     */
    public static String withKey(String url, DestinationUrl parsed, String apiKey) {
        if (!isSameAccount(parsed) || parsed.user().filter(k -> !k.isEmpty()).isPresent()) {
            return url;
        }
        String rest = url.strip().substring(url.strip().indexOf("://") + 3);
        int query = rest.indexOf('?');
        int at = (query < 0 ? rest : rest.substring(0, query)).lastIndexOf('@');
        return "td://" + apiKey + "@" + rest.substring(at + 1);
    }

    /**
     * The URL the td-writer delivers to: for a same-account table, {@code td://KEY@<public endpoint>/db/table?mode=...}
     * with the key sealed in it (or, for an ad-hoc job that gave none, {@code submitterKey}); any other URL as it is.
     *
     * @throws InvalidDestinationException for a same-account table without a key and no submitter's key: one saved
     *                                     before keys were sealed with the URL, which must be given again
     */
    public String forDelivery(DestinationUrl url, String submitterKey) {
        if (!isSameAccount(url)) {
            return url.unmaskedUrl();
        }
        String key = url.user().filter(k -> !k.isEmpty()).orElse(submitterKey);
        if (key == null || key.isEmpty()) {
            throw new InvalidDestinationException("Result URL " + url.masked() + " was saved without the API key "
                    + "that writes the table (before keys were kept with td:// destinations): give the URL again "
                    + "(td result:create / td sched:update -r) so it is sealed with your key");
        }
        String[] names = url.path().substring(1).split("/");
        Map<String, String> parameters = new LinkedHashMap<>(url.parameters());
        parameters.putIfAbsent("mode", "append");
        return endpoint.tdUrl(key, names[0], names[1], parameters);
    }
}
