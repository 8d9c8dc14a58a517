package io.tideway.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The Trino cluster queries run on when {@code tideway.engine.kind=trino}. Each account gets a Trino catalog of its
 * own and connects as a Trino user of its own, both named from templates in which {@value #ACCOUNT} stands for the
 * account id; Trino's access control (rules that give each user its catalog only) is what keeps one account's
 * queries out of another's tables. A template without {@value #ACCOUNT} names one catalog for everyone, which only
 * account 1 may then use.
 *
 * @param url            {@code tideway.engine.trino.url}: the coordinator, {@code jdbc:trino://host:port} (a
 *                       catalog or schema in the URL is ignored; extra parameters such as {@code SSL=true} are kept)
 * @param catalog        {@code tideway.engine.trino.catalog}: catalog template; default {@value #DEFAULT_CATALOG}
 * @param user           {@code tideway.engine.trino.user}: user template; default {@value #DEFAULT_USER}
 * @param password       {@code tideway.engine.trino.password}: password of every account's user (Trino accepts
 *                       passwords over TLS only); none by default; never logged
 * @param insertRows     {@code tideway.engine.trino.insert-rows}: rows per INSERT statement when staging imported
 *                       rows in Trino; default {@value #DEFAULT_INSERT_ROWS}
 */
@ConfigurationProperties("tideway.engine.trino")
public record TrinoSettings(@Nullable String url, @Nullable String catalog, @Nullable String user,
                            @Nullable String password, @Nullable Integer insertRows) {

    public static final String ACCOUNT = "{account}";
    public static final String DEFAULT_CATALOG = "tideway_" + ACCOUNT;
    public static final String DEFAULT_USER = "tideway_" + ACCOUNT;
    public static final int DEFAULT_INSERT_ROWS = 1000;

    public TrinoSettings {
        url = url == null || url.isBlank() ? null : url.strip();
        catalog = catalog == null || catalog.isBlank() ? DEFAULT_CATALOG : catalog.strip();
        user = user == null || user.isBlank() ? DEFAULT_USER : user.strip();
        password = password == null || password.isEmpty() ? null : password;
        insertRows = insertRows == null ? DEFAULT_INSERT_ROWS : insertRows;
        if (url != null && !url.startsWith("jdbc:trino://")) {
            throw new IllegalArgumentException("tideway.engine.trino.url must start with jdbc:trino://, not '"
                    + url + "'");
        }
        if (insertRows < 1 || insertRows > 100_000) {
            throw new IllegalArgumentException("tideway.engine.trino.insert-rows must be between 1 and 100000, not "
                    + insertRows);
        }
    }

    /** The URL, or an error saying how to set it; checked only when Trino is the configured engine. */
    public String requireUrl() {
        if (url == null) {
            throw new IllegalStateException("tideway.engine.kind is trino but tideway.engine.trino.url is not set: "
                    + "set it to the coordinator, e.g. jdbc:trino://trino.example.com:8080");
        }
        return url;
    }

    /** Whether accounts get catalogs of their own; without, only account 1 can use Trino. */
    public boolean catalogPerAccount() {
        return catalog.contains(ACCOUNT);
    }

    public String catalogOf(String accountId) {
        return catalog.replace(ACCOUNT, accountId);
    }

    public String userOf(String accountId) {
        return user.replace(ACCOUNT, accountId);
    }

    @Override
    public String toString() {
        return "TrinoSettings[url=" + url + ", catalog=" + catalog + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", insertRows=" + insertRows + "]";
    }
}
