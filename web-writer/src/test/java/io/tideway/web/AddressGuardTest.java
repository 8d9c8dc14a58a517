package io.tideway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard(List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, a loopback address",
            "127.8.9.10, a loopback address",
            "::1, a loopback address",
            "10.1.2.3, a private address",
            "172.16.0.1, a private address",
            "172.31.255.255, a private address",
            "192.168.1.1, a private address",
            "169.254.169.254, a link-local address (where clouds keep their metadata service)",
            "100.100.100.200, a carrier-grade NAT address (where some clouds keep their metadata service)",
            "fd00:ec2::254, a private (unique local) address",
            "fe80::1, a link-local address",
            "::ffff:10.0.0.1, a private address",
            "0.0.0.0, a 'this network' address",
            "::, the unspecified address",
            "224.0.0.1, a multicast address"})
    void refusesInternalAddresses(String address, String why) throws UnknownHostException {
        assertThat(guard.refusal(InetAddress.getByName(address))).contains(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2001:4860:4860::8888", "11.0.0.1"})
    void letsPublicAddressesThrough(String address) throws UnknownHostException {
        assertThat(guard.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void allowedNetworksOpenOnlyWhatTheyHold() throws UnknownHostException {
        AddressGuard open = new AddressGuard(List.of("127.0.0.0/8", "10.1.0.0/16", "::1/128"));

        assertThat(open.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(open.refusal(InetAddress.getByName("::1"))).isEmpty();
        assertThat(open.refusal(InetAddress.getByName("10.1.200.3"))).isEmpty();
        assertThat(open.refusal(InetAddress.getByName("10.2.0.1"))).contains("a private address");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2130706433 | a loopback address",
            "127.1 | a loopback address",
            "::ffff:127.0.0.1 | a loopback address",
            "::ffff:7f00:1 | a loopback address",
            "[::1] | a loopback address",
            "::127.0.0.1 | an IPv4-compatible IPv6 address",
            "2852039166 | a link-local address (where clouds keep their metadata service)",
            "0:0:0:0:0:ffff:169.254.169.254 | a link-local address",
            "fc00::1 | a private (unique local) address",
            "fdff:ffff::1 | a private (unique local) address",
            "febf::1 | a link-local address",
            "0177.0.0.1 | written with octal or hexadecimal numbers",
            "0x7f.0.0.1 | written with octal or hexadecimal numbers",
            "0x7f000001 | written with octal or hexadecimal numbers",
            "017700000001 | written with octal or hexadecimal numbers"})
    void refusesLoopbackPrivateAndMetadataAddressesWhateverTheirSpelling(String host, String why) {
        assertThatThrownBy(() -> guard.resolve(host)).isInstanceOf(AddressGuard.RefusedAddressException.class)
                .hasMessageContaining(why);
    }

    @Test
    void letsAPlainDecimalPublicAddressThrough() throws Exception {
        assertThat(guard.resolve("203.0.113.7")).containsExactly(InetAddress.getByName("203.0.113.7"));
    }

    @Test
    void refusesANameWhenItResolvesInside() {
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(AddressGuard.RefusedAddressException.class)
                .hasMessageContaining("localhost resolves to").hasMessageContaining("a loopback address");
    }

    @Test
    void rejectsAMalformedAllowedNetwork() {
        assertThatThrownBy(() -> new AddressGuard(List.of("example.com/8"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'example.com/8' is not a network");
        assertThatThrownBy(() -> new AddressGuard(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix length");
    }
}
