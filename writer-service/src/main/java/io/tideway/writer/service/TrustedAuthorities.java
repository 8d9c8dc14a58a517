package io.tideway.writer.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities HTTPS servers are checked against: the JVM's default ones, plus those of the
 * configured trust store. One trust manager holds them all, so a failure names its real cause (an unknown issuer, a
 * host name that does not match) rather than that of whichever of two managers was asked last.
 */
public final class TrustedAuthorities {

    private TrustedAuthorities() {
    }

    /**
     * A TLS context trusting the default authorities and those of the given trust store; fails at start-up if
     * unusable.
     *
     * @param path         the trust store file, or {@code null} to trust only the default authorities
     * @param password     its password, or {@code null} if it has none
     * @param type         its key store type, e.g. {@code PKCS12} or {@code JKS}
     * @param configPrefix the configuration prefix the trust store was given under (e.g.
     *                     {@code tideway.trust-store}), named in the error if the store cannot be used
     */
    public static SSLContext sslContext(Path path, String password, String type, String configPrefix) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultAuthorities()) {
                trusted.setCertificateEntry("default-" + n++, ca);
            }
            if (path != null) {
                KeyStore extra = load(path, password, type);
                for (String alias : Collections.list(extra.aliases())) {
                    Certificate certificate = extra.getCertificate(alias);
                    if (certificate != null) {
                        trusted.setCertificateEntry("configured-" + alias, certificate);
                    }
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot use the trust store " + path + " (type "
                    + type + ", " + configPrefix + ".*): " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] defaultAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    private static KeyStore load(Path path, String password, String type)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        if (store.size() == 0) {
            throw new GeneralSecurityException("it holds no certificates");
        }
        return store;
    }

    /**
     * Why a connection failed certificate verification (the innermost cause's message), or empty when the failure
     * had nothing to do with certificates. Writers treat such a failure as permanent: retrying cannot fix it.
     */
    public static Optional<String> certificateFailure(Throwable failure) {
        Throwable root = failure;
        boolean certificate = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            certificate |= t instanceof CertificateException
                    || t instanceof SSLPeerUnverifiedException;
            root = t;
        }
        return certificate ? Optional.of(String.valueOf(root.getMessage())) : Optional.empty();
    }
}
