package io.tideway.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.tideway.writer.service.TrustedAuthorities;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * Extra certificate authorities for HTTPS ({@code tideway.web.trust-store.*}), e.g. a company's private CA. The
 * certificates in it are trusted in addition to the JVM's default ones. Host names are verified either way.
 *
 * @param path     {@code tideway.web.trust-store.path}: a key store file holding the trusted certificates; none
 *                 by default (only the JVM's default authorities are trusted)
 * @param password {@code tideway.web.trust-store.password}: its password, if it has one; never printed
 * @param type     {@code tideway.web.trust-store.type}: {@code PKCS12} or {@code JKS}; default
 *                 {@value #DEFAULT_TYPE}
 */
@ConfigurationProperties(TrustStoreSettings.PREFIX)
public record TrustStoreSettings(@Nullable Path path, @Nullable String password, @Nullable String type) {

    public static final String PREFIX = "tideway.web.trust-store";
    public static final String DEFAULT_TYPE = "PKCS12";
    public static final TrustStoreSettings NONE = new TrustStoreSettings(null, null, null);

    public TrustStoreSettings {
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type.strip();
    }

    public static TrustStoreSettings of(Path path, String password) {
        return new TrustStoreSettings(path, password, null);
    }

    /** A TLS context trusting the JVM's default authorities plus this trust store's; fails if it is unusable. */
    public SSLContext sslContext() {
        return TrustedAuthorities.sslContext(path, password, type, PREFIX);
    }

    @Override
    public String toString() {
        return path == null ? "web.trust-store=none"
                : "web.trust-store.path=" + path + ", web.trust-store.type=" + type + ", web.trust-store.password="
                + (password == null ? "none" : "***");
    }
}
