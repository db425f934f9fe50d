package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpProtocolTest {
    @Test
    void namesAreTcpdumps() {
        // tcpdump 4.99.3 -v on IPv4 packets of each protocol prints "proto Options (0)", "proto ICMP (1)", ...
        // and, for numbers missing from its table, "ip-proto-N" on the summary line.
        assertThat(IpProtocol.name(IpProtocol.HOPOPTS)).isEqualTo("Options");
        assertThat(IpProtocol.name(IpProtocol.ICMP)).isEqualTo("ICMP");
        assertThat(IpProtocol.name(IpProtocol.IGMP)).isEqualTo("IGMP");
        assertThat(IpProtocol.name(IpProtocol.TCP)).isEqualTo("TCP");
        assertThat(IpProtocol.name(IpProtocol.UDP)).isEqualTo("UDP");
        assertThat(IpProtocol.name(IpProtocol.ROUTING)).isEqualTo("Routing");
        assertThat(IpProtocol.name(IpProtocol.FRAGMENT)).isEqualTo("Fragment");
        assertThat(IpProtocol.name(IpProtocol.ESP)).isEqualTo("ESP");
        assertThat(IpProtocol.name(IpProtocol.AH)).isEqualTo("AH");
        assertThat(IpProtocol.name(IpProtocol.ICMPV6)).isEqualTo("ICMPv6");
        assertThat(IpProtocol.name(IpProtocol.NONE)).isEqualTo("ip-proto-59");
        assertThat(IpProtocol.name(IpProtocol.DSTOPTS)).isEqualTo("ip-proto-60");
        assertThat(IpProtocol.name(253)).isEqualTo("ip-proto-253");
    }

    @Test
    void numbersAreIanas() {
        assertThat(new int[] {IpProtocol.HOPOPTS, IpProtocol.ICMP, IpProtocol.IGMP, IpProtocol.TCP, IpProtocol.UDP,
                IpProtocol.ROUTING, IpProtocol.FRAGMENT, IpProtocol.ESP, IpProtocol.AH, IpProtocol.ICMPV6,
                IpProtocol.NONE, IpProtocol.DSTOPTS})
                .containsExactly(0, 1, 2, 6, 17, 43, 44, 50, 51, 58, 59, 60);
    }

    @Test
    void walkedExtensionsAreTheFourRfc8200HeadersWithoutAhOrEsp() {
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.HOPOPTS)).isTrue();
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.ROUTING)).isTrue();
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.FRAGMENT)).isTrue();
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.DSTOPTS)).isTrue();
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.AH)).isFalse();
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.ESP)).isFalse();
        assertThat(IpProtocol.isIpv6WalkedExtension(IpProtocol.TCP)).isFalse();
    }
}
