package io.tideway.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host into addresses: every address is judged by the {@link AddressGuard}
 * first, so the client connects to checked addresses only, while the URL's host name still goes into
 * {@code Host}, SNI and the certificate check as usual.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final AddressGuard guard;

    GuardedDnsResolver(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return guard.resolve(host).toArray(InetAddress[]::new);
        } catch (AddressGuard.RefusedAddressException e) {
            throw new RefusedHostException(e);
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // never asked for: the client is not configured for Kerberos
    }

    /** The host resolves to an address the guard refuses; an UnknownHostException so the client passes it on. */
    static final class RefusedHostException extends UnknownHostException {

        RefusedHostException(AddressGuard.RefusedAddressException refusal) {
            super(refusal.getMessage());
            initCause(refusal);
        }
    }
}
