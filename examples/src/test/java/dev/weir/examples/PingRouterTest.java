package dev.weir.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.Mib;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 acceptance: client—router—server pings both ways in IPv4 and IPv6 through ARP/NDP,
 * and a 4000-byte ping is fragmented over MTU 1500 and reassembled.
 */
class PingRouterTest {
    @Test
    void pingsCrossTheRouterBothWaysInBothFamilies(@TempDir Path out) throws Exception {
        Examples.Run r = Examples.run("ping-router.yaml", out);
        String o = r.out();
        assertThat(o).contains("client: 3 packets transmitted, 3 received, 0% packet loss")
                .contains("client: 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63")
                .contains("client: 64 bytes from fd00:2::2: icmp_seq=1 ttl=63")
                .contains("server: 2 packets transmitted, 2 received, 0% packet loss")
                .contains("client: 4008 bytes from 10.0.2.2: icmp_seq=2 ttl=63")
                .contains("client: 2 packets transmitted, 2 received, 0% packet loss, time 1001ms");
        var router = r.runner().node("router").net().counters();
        assertThat(router.get(Mib.IpForwDatagrams)).isPositive();
        assertThat(router.get(Mib.Ip6OutForwDatagrams)).isPositive();
        var server = r.runner().node("server").net().counters();
        assertThat(server.get(Mib.IpReasmOKs)).isEqualTo(2);
        assertThat(r.runner().node("client").net().counters().get(Mib.IpFragCreates)).isEqualTo(6);
    }

    @Test
    void theSameSeedGivesTheSameCaptureByteForByte(@TempDir Path a, @TempDir Path b) throws Exception {
        Examples.Run x = Examples.run("ping-router.yaml", a);
        Examples.Run y = Examples.run("ping-router.yaml", b);
        assertThat(x.out()).isEqualTo(y.out());
        assertThat(a.resolve("router-eth1.pcapng")).hasSameBinaryContentAs(b.resolve("router-eth1.pcapng"));
    }
}
