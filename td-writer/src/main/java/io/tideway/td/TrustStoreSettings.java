package io.tideway.td;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Extra certificate authorities for HTTPS ({@code tideway.td.trust-store.*}), e.g. a company's private CA. The
 * certificates in it are trusted in addition to the JVM's default ones. Host names are verified either way.
 *
 * @param path     {@code tideway.td.trust-store.path}: a key store file holding the trusted certificates; none
 *                 by default (only the JVM's default authorities are trusted)
 * @param password {@code tideway.td.trust-store.password}: its password, if it has one; never printed
 * @param type     {@code tideway.td.trust-store.type}: {@code PKCS12} or {@code JKS}; default
 *                 {@value #DEFAULT_TYPE}
 */
@ConfigurationProperties("tideway.td.trust-store")
public record TrustStoreSettings(@Nullable Path path, @Nullable String password, @Nullable String type) {

    public static final String DEFAULT_TYPE = "PKCS12";
    public static final TrustStoreSettings NONE = new TrustStoreSettings(null, null, null);

    public TrustStoreSettings {
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type.strip();
    }

    public static TrustStoreSettings of(Path path, String password) {
        return new TrustStoreSettings(path, password, null);
    }

    @Override
    public String toString() {
        return path == null ? "td.trust-store=none"
                : "td.trust-store.path=" + path + ", td.trust-store.type=" + type + ", td.trust-store.password="
                + (password == null ? "none" : "***");
    }
}
