package dev.weir.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.prog.StageFunction;
import dev.weir.host.Host;
import dev.weir.hooks.progs.CountCalls;
import dev.weir.socket.Sock;
import dev.weir.socket.SockAddr;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every stage function Weir has so far fires its probes: IPv4 and IPv6 traffic (ARP, NDP,
 * forwarding, local delivery, UDP) through a router, every function probed at entry and exit on
 * every host. The TCP functions wait for the TCP stack.
 */
class ProbeCoverageTest {
    static final Set<StageFunction> TCP = EnumSet.of(StageFunction.TCP_V4_RCV, StageFunction.TCP_V6_RCV,
            StageFunction.TCP_RCV_ESTABLISHED, StageFunction.TCP_ACK, StageFunction.TCP_SENDMSG, StageFunction.TCP_TRANSMIT_SKB,
            StageFunction.TCP_RETRANSMIT_SKB);

    @Test
    void everyNonTcpStageFunctionFiresAtEntryAndExit() {
        HookRig rig = new HookRig().withRouter();
        HookRig.sh(rig.sa, "ip addr add fd00:1::1/64 dev eth0 nodad");
        HookRig.sh(rig.sb, "ip addr add fd00:1::2/64 dev eth0 nodad");
        HookRig.sh(rig.sb, "ip addr add fd00:2::1/64 dev eth1 nodad");
        HookRig.sh(rig.sb, "sysctl -w net.ipv6.conf.all.forwarding=1");
        HookRig.sh(rig.sc, "ip addr add fd00:2::2/64 dev eth0 nodad");
        HookRig.sh(rig.sc, "ip -6 route add default via fd00:2::1");
        HookRig.sh(rig.sa, "ip -6 route add default via fd00:1::2");
        List<Host> hosts = List.of(rig.a, rig.b, rig.c);
        for (Host h : hosts) {
            var p = h.hooks().load(CountCalls.class);
            for (StageFunction f : StageFunction.values()) {
                if (!TCP.contains(f)) {
                    h.hooks().attach(p, "probe " + f.symbol() + " entry", 0);
                    h.hooks().attach(p, "probe " + f.symbol() + " exit", 0);
                }
            }
        }
        Sock s4 = rig.a.udp().socket(SockAddr.AF_INET);
        s4.sendto(new byte[20], 0, 20, 0, SockAddr.v4("10.0.1.2", 9));
        Sock s6 = rig.a.udp().socket(SockAddr.AF_INET6);
        s6.sendto(new byte[20], 0, 20, 0, SockAddr.parse("[fd00:2::2]:9"));
        rig.runMs(50);
        List<String> missing = new ArrayList<>();
        for (StageFunction f : StageFunction.values()) {
            if (TCP.contains(f)) {
                continue;
            }
            for (int side : new int[] {0, 32}) {
                long n = 0;
                for (Host h : hosts) {
                    n += HookRig.slot(h, "calls", f.ordinal() + side);
                }
                if (n == 0) {
                    missing.add(f.symbol() + (side == 0 ? " entry" : " exit"));
                }
            }
        }
        assertThat(missing).as("stage functions whose probes never fired").isEmpty();
    }
}
