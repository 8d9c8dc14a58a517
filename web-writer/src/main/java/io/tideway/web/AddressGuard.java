package io.tideway.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps deliveries away from the writer's own neighbourhood (server-side request forgery): a result URL must not
 * reach loopback, private, link-local, carrier-grade NAT or cloud metadata addresses, unless an allowed network
 * (configuration) holds them. It judges resolved addresses, so a name that points inside is refused as well as a
 * literal address; the caller connects only to addresses it has judged.
 */
final class AddressGuard {

    /** Refused unless allowed, each with why, in the words a refusal uses. */
    private static final List<Network> REFUSED = List.of(
            Network.parse("0.0.0.0/8", "a 'this network' address"),
            Network.parse("127.0.0.0/8", "a loopback address"),
            Network.parse("10.0.0.0/8", "a private address"),
            Network.parse("172.16.0.0/12", "a private address"),
            Network.parse("192.168.0.0/16", "a private address"),
            Network.parse("100.64.0.0/10", "a carrier-grade NAT address (where some clouds keep their metadata service)"),
            Network.parse("169.254.0.0/16", "a link-local address (where clouds keep their metadata service)"),
            Network.parse("::/128", "the unspecified address"),
            Network.parse("::1/128", "a loopback address"),
            Network.parse("::/96", "an IPv4-compatible IPv6 address (deprecated; it can reach IPv4 hosts inside)"),
            Network.parse("fc00::/7", "a private (unique local) address"),
            Network.parse("fe80::/10", "a link-local address"),
            Network.parse("fec0::/10", "a site-local address"));

    /**
     * A host written as numbers in a form other tools read differently: {@code 0177.0.0.1} is 127.0.0.1 to C's
     * inet_aton but 177.0.0.1 to Java, and {@code 0x7f.0.0.1} is 127.0.0.1 to curl. Refused rather than guessed.
     */
    private static final Pattern AMBIGUOUS_NUMBERS = Pattern.compile(
            "(?:(?:0[xX][0-9a-fA-F]*|[0-9]+)\\.){0,3}(?:0[xX][0-9a-fA-F]*|[0-9]+)");
    private static final Pattern PLAIN_NUMBERS = Pattern.compile("(?:(?:0|[1-9][0-9]*)\\.){0,3}(?:0|[1-9][0-9]*)");

    private final List<Network> allowed;
    private final Lookup lookup;

    AddressGuard(List<String> allowedNetworks) {
        this(allowedNetworks, InetAddress::getAllByName);
    }

    /** A guard asking {@code lookup} for a host's addresses, instead of the system's resolver; for tests. */
    AddressGuard(List<String> allowedNetworks, Lookup lookup) {
        this.allowed = allowedNetworks.stream().map(n -> Network.parse(n, "allowed")).toList();
        this.lookup = lookup;
    }

    /** Turns a host name into its addresses. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /**
     * Every address of {@code host}, each allowed.
     *
     * @throws UnknownHostException when the host has no address
     * @throws RefusedAddressException when one of its addresses is refused; one is enough, since a client may pick
     *                                 any of them and a name may resolve differently the next time
     */
    List<InetAddress> resolve(String host) throws UnknownHostException, RefusedAddressException {
        if (AMBIGUOUS_NUMBERS.matcher(host).matches() && !PLAIN_NUMBERS.matcher(host).matches()) {
            throw new RefusedAddressException(host + " is an address written with octal or hexadecimal numbers, "
                    + "which programs read differently; write it in plain decimal, e.g. 203.0.113.7");
        }
        List<InetAddress> addresses = List.of(lookup.addresses(host));
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                throw new RefusedAddressException(host, address, why.get());
            }
        }
        return addresses;
    }

    /** Why the address is refused, or empty when it may be reached. */
    Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(n -> n.contains(address))) {
            return Optional.empty();
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        return REFUSED.stream().filter(n -> n.contains(address)).map(Network::label).findFirst();
    }

    /** An address the writer may not connect to. */
    static final class RefusedAddressException extends Exception {

        RefusedAddressException(String host, InetAddress address, String why) {
            super(host + " resolves to " + address.getHostAddress() + ", " + why
                    + "; the web-writer does not deliver there unless tideway.web.allowed-networks holds it");
        }

        RefusedAddressException(String why) {
            super(why);
        }
    }

    /** A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
    record Network(BigInteger prefix, int bits, int length, String label) {

        static Network parse(String cidr, String label) {
            int slash = cidr.indexOf('/');
            String base = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!base.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network: write an address and a prefix "
                        + "length, e.g. 127.0.0.0/8 or ::1/128");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(base).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network: " + e.getMessage(), e);
            }
            int length = bytes.length * 8;
            int bits;
            try {
                bits = slash < 0 ? length : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has a bad prefix length", e);
            }
            if (bits < 0 || bits > length) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + length);
            }
            return new Network(new BigInteger(1, bytes).shiftRight(length - bits), bits, length, label);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            return bytes.length * 8 == length && new BigInteger(1, bytes).shiftRight(length - bits).equals(prefix);
        }
    }
}
