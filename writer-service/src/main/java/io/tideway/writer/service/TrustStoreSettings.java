package io.tideway.writer.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * Extra certificate authorities for a writer's HTTPS connections ({@code tideway.trust-store.*}), e.g. a company's
 * private CA. The certificates in it are trusted in addition to the JVM's default ones. Host names are verified
 * either way. Each writer runs as its own process, so one prefix serves web-writer and td-writer alike.
 *
 * @param path     {@code tideway.trust-store.path}: a key store file holding the trusted certificates; none
 *                 by default (only the JVM's default authorities are trusted)
 * @param password {@code tideway.trust-store.password}: its password, if it has one; never printed
 * @param type     {@code tideway.trust-store.type}: {@code PKCS12} or {@code JKS}; default
 *                 {@value #DEFAULT_TYPE}
 */
@ConfigurationProperties(TrustStoreSettings.PREFIX)
public record TrustStoreSettings(@Nullable Path path, @Nullable String password, @Nullable String type) {

    public static final String PREFIX = "tideway.trust-store";
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
        return path == null ? "trust-store=none"
                : "trust-store.path=" + path + ", trust-store.type=" + type + ", trust-store.password="
                + (password == null ? "none" : "***");
    }
}
