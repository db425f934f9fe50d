package dev.weir.plugins.lb;

import static dev.weir.hooks.testing.WeirAssertions.assertThatProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.wire.Bytes;
import dev.weir.hooks.testing.ProgramUnderTest;
import dev.weir.hooks.testing.WeirProgram;
import dev.weir.hooks.testing.WeirProgramExtension;
import dev.weir.plugins.Packets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The XDP load balancer: VIP lookup, flow-stable backend choice, MAC rewrite, XDP_TX. */
@ExtendWith(WeirProgramExtension.class)
class LoadBalancerTest {
    @WeirProgram(XdpLoadBalancer.class)
    ProgramUnderTest lb;

    static final String VIP = "10.0.0.100";

    @BeforeEach
    void services() {
        long key = (Packets.ip(VIP) & 0xffffffffL) << 32 | 80L << 16 | 6L << 8;
        lb.map("lb_vips").updateLong(key, 2L << 32 | 3); // backends 2, 3, 4
        for (int i = 2; i <= 4; i++) {
            byte[] v = new byte[16];
            Bytes.put32(v, 0, Packets.ip("10.0.1." + i));
            Bytes.put48(v, 4, 0x02_00_00_00_01_00L | i);
            lb.map("lb_backends").update(dev.weir.hooks.testing.MapHandle.number(i, 4), v);
        }
    }

    @Test
    void aServiceFrameGoesBackOutToOneBackendsMac() {
        byte[] f = Packets.eth(Packets.tcp4("192.0.2.1", 33000, VIP, 80, Packets.SYN, 0));
        var r = lb.run(f);
        assertThatProgram(r).hasVerdict(XdpAction.TX);
        byte[] o = r.output();
        long dmac = Bytes.u48(o, 0);
        assertThat(dmac & ~0xffL).isEqualTo(0x02_00_00_00_01_00L);
        assertThat(dmac & 0xff).isBetween(2L, 4L);
        assertThat(Bytes.u48(o, 6)).isEqualTo(Packets.MAC_B); // our own address, where the frame was sent
        assertThat(java.util.Arrays.copyOfRange(o, 12, o.length)).isEqualTo(java.util.Arrays.copyOfRange(f, 12, f.length));
        // the same flow always goes to the same backend
        for (int i = 0; i < 5; i++) {
            assertThat(Bytes.u48(lb.run(f).output(), 0)).isEqualTo(dmac);
        }
    }

    @Test
    void flowsSpreadOverTheBackends() {
        int[] seen = new int[5];
        for (int port = 30000; port < 30300; port++) {
            byte[] o = lb.run(Packets.eth(Packets.tcp4("192.0.2.1", port, VIP, 80, Packets.SYN, 0))).output();
            seen[(int) (Bytes.u48(o, 0) & 0xff)]++;
        }
        for (int b = 2; b <= 4; b++) {
            assertThat(seen[b]).as("backend " + b).isBetween(70, 130);
            assertThat(lb.map("lb_stats").lookupLong(b, -1)).isEqualTo(seen[b]);
        }
    }

    @Test
    void otherTrafficPasses() {
        assertThatProgram(lb.run(Packets.eth(Packets.tcp4("192.0.2.1", 1, VIP, 443, Packets.SYN, 0)))).hasVerdict(XdpAction.PASS);
        assertThatProgram(lb.run(Packets.eth(Packets.udp4("192.0.2.1", 1, VIP, 80, 0)))).hasVerdict(XdpAction.PASS);
        assertThatProgram(lb.run(Packets.eth(Packets.udp6("2001:db8::1", 1, "2001:db8::2", 80, 0)))).hasVerdict(XdpAction.PASS);
    }
}
