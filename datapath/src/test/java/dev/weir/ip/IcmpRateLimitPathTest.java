package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.Mib;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ICMP rate limits on a host's real error path: protocol unreachables to one sender. */
class IcmpRateLimitPathTest {
    private final IpTestNet net = new IpTestNet();
    private final IpTestNet.Host b = net.host("b");
    private final IpTestNet.Dev eth0 = b.dev("eth0");

    IcmpRateLimitPathTest() {
        b.ip("addr add 10.0.0.2/24 dev eth0");
    }

    @AfterEach
    void nothingLeaks() {
        net.assertNoLeaks();
    }

    private static byte[] unknownProtocol(int src) {
        byte[] p = Ipv4InputTest.udp(src, Ipv4InputTest.B, 64, 4);
        p[9] = (byte) 253;
        Bytes.put16(p, 10, 0);
        Bytes.put16(p, 10, Checksum.internet(p, 0, 20));
        return p;
    }

    @Test
    void aSenderGetsSixErrorsAtOnceThenOnePerSecond() {
        for (int i = 0; i < 20; i++) {
            b.inject(eth0, unknownProtocol(Ipv4InputTest.A));
        }
        assertThat(eth0.sent).hasSize(6);
        assertThat(b.mib(Mib.IcmpOutRateLimitHost)).isEqualTo(14);
        assertThat(b.mib(Mib.IcmpOutDestUnreachs)).isEqualTo(6);
        net.run(999_000_000L);
        b.inject(eth0, unknownProtocol(Ipv4InputTest.A));
        assertThat(eth0.sent).hasSize(6);
        net.run(1_000_000L);
        b.inject(eth0, unknownProtocol(Ipv4InputTest.A));
        assertThat(eth0.sent).hasSize(7);
        // Another sender has a bucket of its own.
        b.inject(eth0, unknownProtocol(0x0a00_0009));
        assertThat(eth0.sent).hasSize(8);
    }

    @Test
    void icmpRatelimitZeroTurnsThePerHostLimitOff() {
        b.sysctl("net.ipv4.icmp_ratelimit", "0");
        for (int i = 0; i < 20; i++) {
            b.inject(eth0, unknownProtocol(Ipv4InputTest.A));
        }
        assertThat(eth0.sent).hasSize(20);
    }
}
