package io.tideway.query.warehouse;

import io.tideway.query.config.TrinoSettings;
import io.trino.jdbc.TrinoDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to Trino as one account: its user, its catalog, and a schema when given. Connections are
 * cheap (Trino's JDBC driver speaks HTTP and holds no session on the server), so each use opens its own.
 */
final class TrinoConnector {

    private final TrinoDriver driver;
    private final String url;
    private final String catalog;
    private final Properties properties = new Properties();

    TrinoConnector(TrinoDriver driver, TrinoSettings settings, String accountId) {
        this.driver = driver;
        this.url = settings.requireUrl();
        this.catalog = settings.catalogOf(accountId);
        properties.setProperty("user", settings.userOf(accountId));
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("source", "tideway-query-service");
    }

    String catalog() {
        return catalog;
    }

    /** A connection in the account's catalog, with {@code schema} (nullable) as the default for unqualified names. */
    Connection connect(String schema) throws SQLException {
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("The Trino driver does not take the URL " + url);
        }
        c.setCatalog(catalog);
        if (schema != null) {
            c.setSchema(schema);
        }
        return c;
    }
}
