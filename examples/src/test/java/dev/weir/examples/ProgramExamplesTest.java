package dev.weir.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.wire.Bytes;
import dev.weir.host.Host;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.tools.Shell;
import dev.weir.topo.TopologyRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples with programs (firewall, NAT with conntrack, conntrack with a user program from
 * source), run as {@code weir run} would ({@link Examples}), each checked for what it is there to
 * show. {@link AllExamplesRunTest} runs every topology, these among them.
 */
class ProgramExamplesTest {
    @TempDir
    Path out;

    record Run(TopologyRunner runner, TopologyRunner.Result result, String output) {
        Run(Examples.Run r) {
            this(r.runner(), r.result(), r.out());
        }

        Host host(String name) {
            return (Host) runner.node(name);
        }

        String shell(String host, String line) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = new Shell(host(host)).run(line, new PrintWriter(o, true), new PrintWriter(e, true));
            assertThat(code).as(line + ": " + e).isZero();
            return o + e.toString();
        }

        long slot(String host, String map, int i) {
            return ((ArrayMap) host(host).maps().pinned(map)).lookupLong(i, -1);
        }
    }

    Run run(String name) throws IOException {
        return new Run(Examples.run(name, out.resolve(name)));
    }

    @Test
    void firewall() throws IOException {
        firewall(run("firewall.yaml"));
    }

    @Test
    void nat() throws IOException {
        nat(run("nat.yaml"));
    }

    @Test
    void conntrack() throws IOException {
        conntrack(run("conntrack.yaml"));
    }

    static void firewall(Run r) {
        assertThat(r.output()).contains("client: 3 packets transmitted, 3 received, 0% packet loss")
                .contains("attacker: 3 packets transmitted, 0 received, 100% packet loss");
        assertThat(r.slot("server", "fw_packets", 1)).isEqualTo(3);   // the attacker's echo requests
        assertThat(r.slot("server", "fw_packets", 2)).isEqualTo(20);  // UDP to port 7
        assertThat(r.host("server").net().device("eth0").ethtoolStats().get("rx_xdp_drop")).isEqualTo(23);
        assertThat(r.output()).containsPattern("server: \\[.*\\]  total  20 datagrams");   // port 9 got everything
        assertThat(r.output()).containsPattern("server: \\[.*\\]  total  0 datagrams");    // port 7 nothing
    }

    static void nat(Run r) {
        assertThat(r.output()).contains("inside: 3 packets transmitted, 3 received, 0% packet loss")
                .containsPattern("outside: \\[.*\\]  total  25 datagrams");
        assertThat(r.slot("router", "nat_stats", 0)).isEqualTo(28);
        assertThat(r.slot("router", "nat_stats", 1)).isEqualTo(3);
        int inside = Bytes.i32(new byte[] {(byte) 192, (byte) 168, 1, 10}, 0);
        int packets = 0;
        try (CaptureReader in = CaptureReader.open(r.result().captures().get(0))) {
            CapturedPacket p;
            while ((p = in.next()) != null) {
                byte[] f = p.data();
                if (Bytes.u16(f, 12) == 0x0800) {
                    packets++;
                    assertThat(Bytes.i32(f, 26)).isNotEqualTo(inside);
                    assertThat(Bytes.i32(f, 30)).isNotEqualTo(inside);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(packets).isEqualTo(3 + 3 + 25);
        String ct = r.shell("router", "conntrack -L");
        assertThat(ct).contains("icmp     1 ").contains("src=192.168.1.10 dst=203.0.113.5 type=8 code=0")
                .contains("udp      17 ").contains("dport=5001 [UNREPLIED]").contains("2 flow entries have been shown.");
    }

    static void conntrack(Run r) {
        assertThat(r.output()).contains("client: 2 packets transmitted, 2 received, 0% packet loss")
                .contains("client: 2 packets transmitted, 0 received, 100% packet loss");
        String ct = r.shell("router", "conntrack -L");
        assertThat(ct).contains("src=10.1.0.2 dst=10.2.0.2 type=8 code=0").contains("src=10.1.0.3 dst=10.2.0.2 type=8 code=0")
                .contains("udp      17 ").contains("3 flow entries have been shown.");
        assertThat(ct.lines().filter(l -> l.contains("10.1.0.3") && l.contains("[UNREPLIED]")).count()).isEqualTo(1);
        HashMap pings = (HashMap) r.host("router").maps().pinned("pings");
        assertThat(pings.lookupLong(Bytes.i32(new byte[] {10, 1, 0, 2}, 0) & 0xffffffffL, 0)).isEqualTo(2);
        assertThat(r.shell("router", "map dump pings")).contains("key: 0a 01 00 02  value: 00 00 00 00 00 00 00 02")
                .contains("key: 0a 01 00 03  value: ff ff ff ff ff ff ff ff");
    }
}
