package dev.weir.neigh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.core.DropReason;
import dev.weir.sim.Simulation;
import dev.weir.testing.Frames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NUD state machine in virtual time (Linux's neigh_timer_handler, __neigh_event_send,
 * neigh_update), driven through ARP: host 10.0.0.1 on a device whose replies the test injects.
 */
class NudTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final Simulation sim = new Simulation(99);
    final Host a = new Host(sim, 1);

    @AfterEach
    void noLeaks() {
        a.net.pool().assertNoLeaks();
    }

    /** An ARP reply from 10.0.0.N at 02:00:00:00:00:0N to host a, unicast. */
    static byte[] reply(int n) {
        ArpRepr r = new ArpRepr(ArpRepr.Operation.REPLY, new MacAddress(Host.mac(n)), Ipv4Address.parse("10.0.0." + n),
                new MacAddress(Host.mac(1)), Ipv4Address.parse("10.0.0.1"));
        byte[] p = new byte[28];
        r.emit(p, 0);
        return Frames.ether(Host.mac(1), Host.mac(n), EtherType.ARP, p);
    }

    /** The ARP packets a sent: "who-has TARGET to DSTMAC" in order. */
    List<String> requests() {
        List<String> out = new ArrayList<>();
        for (byte[] f : a.eth0.sent) {
            if (Frames.type(f) == EtherType.ARP) {
                out.add("who-has " + Ipv4Address.toString(Bytes.i32(f, 14 + 24)) + " to " + new MacAddress(Frames.dst(f))
                        + " tha " + new MacAddress(Bytes.u48(f, 14 + 18)));
            }
        }
        return out;
    }

    long ipFrames() {
        return a.eth0.sent.stream().filter(f -> Frames.type(f) == EtherType.IPV4).count();
    }

    /** Resolves 10.0.0.2 at time 0; returns the entry, REACHABLE. */
    Neighbour resolved() {
        a.sendV4("10.0.0.2", 10);
        a.eth0.inject(reply(2));
        Neighbour n = a.v4("10.0.0.2");
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        return n;
    }

    @Test
    void reachableTimeIsDrawnBetweenHalfAndOneAndAHalfBaseReachableTime() {
        long rt = a.arp.reachableTime(a.eth0);
        assertThat(rt).isBetween(15 * S, 45 * S - 1);
        assertThat(new Host(new Simulation(99), 1).arp.reachableTime(a.eth0)).isEqualTo(rt); // same seed, same draw
        a.net.sysctls().set("net.ipv4.neigh.eth0.base_reachable_time_ms", "2000");
        assertThat(a.arp.reachableTime(a.eth0)).isBetween(1 * S, 3 * S - 1);
    }

    @Test
    void reachableGoesStaleOnceReachableTimePassesWithoutConfirmation() {
        Neighbour n = resolved();
        long rt = a.arp.reachableTime(a.eth0);
        sim.scheduler().runUntil(rt);
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        sim.scheduler().runUntil(rt + 10 * MS); // the timer's 10 ms minimum step (HZ/100)
        assertThat(n.state()).isEqualTo(Nud.STALE);
        assertThat(a.changes).last().isEqualTo("10.0.0.2 REACHABLE>STALE @" + (rt + 10 * MS));
        sim.scheduler().run(); // STALE has no timer: nothing left to run
        assertThat(n.state()).isEqualTo(Nud.STALE);
    }

    @Test
    void aStaleEntryInUseGoesDelayThenProbesThreeTimesByUnicastThenFails() {
        Neighbour n = resolved();
        sim.scheduler().runUntil(60 * S);
        assertThat(n.state()).isEqualTo(Nud.STALE);
        a.sendV4("10.0.0.2", 10);
        assertThat(ipFrames()).isEqualTo(2); // sent at once: STALE addresses are used
        assertThat(n.state()).isEqualTo(Nud.DELAY);
        sim.scheduler().runUntil(65 * S);
        assertThat(n.state()).isEqualTo(Nud.PROBE);
        a.sendV4("10.0.0.2", 10); // PROBE sends too
        assertThat(ipFrames()).isEqualTo(3);
        sim.scheduler().runUntil(68 * S);
        assertThat(n.state()).isEqualTo(Nud.FAILED);
        assertThat(requests()).containsExactly(
                "who-has 10.0.0.2 to ff:ff:ff:ff:ff:ff tha 00:00:00:00:00:00",
                "who-has 10.0.0.2 to 02:00:00:00:00:02 tha 00:00:00:00:00:00",
                "who-has 10.0.0.2 to 02:00:00:00:00:02 tha 00:00:00:00:00:00",
                "who-has 10.0.0.2 to 02:00:00:00:00:02 tha 00:00:00:00:00:00");
        assertThat(a.changes.subList(3, a.changes.size())).containsExactly(
                "10.0.0.2 STALE>DELAY @" + 60 * S, "10.0.0.2 DELAY>PROBE @" + 65 * S, "10.0.0.2 PROBE>FAILED @" + 68 * S);
        assertThat(n.lladdr()).isEqualTo(-1);
    }

    @Test
    void aConfirmationDuringDelayMakesItReachableWithoutAProbe() {
        Neighbour n = resolved();
        sim.scheduler().runUntil(60 * S);
        a.sendV4("10.0.0.2", 10);
        sim.scheduler().runUntil(61 * S);
        a.arp.confirm(n); // TCP saw the peer acknowledge new data (dst_confirm)
        sim.scheduler().runUntil(65 * S);
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aReplyDuringProbeMakesItReachableAgain() {
        Neighbour n = resolved();
        sim.scheduler().runUntil(60 * S);
        a.sendV4("10.0.0.2", 10);
        sim.scheduler().runUntil(65 * S + 500 * MS);
        assertThat(n.state()).isEqualTo(Nud.PROBE);
        a.eth0.inject(reply(2));
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        sim.scheduler().runUntil(70 * S);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void anUnansweredResolutionBroadcastsThreeTimesThenFailsAndReportsWhatWaited() {
        List<String> reported = new ArrayList<>();
        a.arp.setUnresolvedHandler((n, skb) -> reported.add(n.address() + " " + Ipv4Address.toString(Bytes.i32(skb.buf(), skb.data() + 16))
                + " " + skb.len()));
        a.sendV4("10.0.0.3", 10);
        sim.scheduler().runUntil(500 * MS);
        a.sendV4("10.0.0.3", 11);
        Neighbour n = a.v4("10.0.0.3");
        assertThat(n.state()).isEqualTo(Nud.INCOMPLETE);
        assertThat(n.queued()).isEqualTo(2);
        sim.scheduler().runUntil(3 * S - 1);
        assertThat(n.state()).isEqualTo(Nud.INCOMPLETE);
        assertThat(requests()).hasSize(3);
        sim.scheduler().runUntil(3 * S);
        assertThat(n.state()).isEqualTo(Nud.FAILED);
        assertThat(reported).containsExactly("10.0.0.3 10.0.0.3 30", "10.0.0.3 10.0.0.3 31");
        assertThat(a.net.counters().drops(DropReason.NEIGH_FAILED)).isEqualTo(2);
        assertThat(a.arp.stats.resFailed).isEqualTo(1);
        assertThat(ipFrames()).isZero();
        assertThat(a.changes).containsExactly("10.0.0.3 >INCOMPLETE @0", "10.0.0.3 INCOMPLETE>FAILED @" + 3 * S);
        // A failed entry is tried again when used.
        a.sendV4("10.0.0.3", 12);
        assertThat(n.state()).isEqualTo(Nud.INCOMPLETE);
        assertThat(requests()).hasSize(4);
        sim.scheduler().run();
        assertThat(a.net.counters().drops(DropReason.NEIGH_FAILED)).isEqualTo(3);
    }

    @Test
    void theUnresolvedQueueKeepsTheNewestWithinUnresQlenBytesAndSendsThemInOrder() {
        dev.weir.skb.SkBuff probe = Frames.ipSkb(a.net.pool(), Frames.ipv4("10.0.0.1", "10.0.0.2", 64, 10));
        long one = NeighTable.truesize(probe);
        probe.consume();
        a.net.sysctls().set("net.ipv4.neigh.eth0.unres_qlen_bytes", Long.toString(3 * one));
        for (int i = 0; i < 5; i++) {
            a.sendV4("10.0.0.2", 10 + i);
        }
        assertThat(a.net.counters().drops(DropReason.NEIGH_QUEUEFULL)).isEqualTo(2);
        assertThat(a.arp.stats.unresDiscards).isEqualTo(2);
        a.eth0.inject(reply(2));
        List<Integer> lengths = new ArrayList<>();
        for (byte[] f : a.eth0.sent) {
            if (Frames.type(f) == EtherType.IPV4) {
                lengths.add(f.length - 14 - 20);
            }
        }
        assertThat(lengths).containsExactly(12, 13, 14);
    }

    @Test
    void unresQlenIsUnresQlenBytesInFullSizeFrames() {
        a.net.sysctls().set("net.ipv4.neigh.eth0.unres_qlen", "4");
        assertThat(a.net.sysctls().get("net.ipv4.neigh.eth0.unres_qlen_bytes")).isEqualTo("8360");
        a.net.sysctls().set("net.ipv4.neigh.eth0.unres_qlen_bytes", "212992");
        assertThat(a.net.sysctls().get("net.ipv4.neigh.eth0.unres_qlen")).isEqualTo("101");
    }

    @Test
    void theNeighbourSysctlsExistPerDeviceWithLinuxDefaults() {
        var s = a.net.sysctls();
        assertThat(s.list("net.ipv4.neigh.eth0.")).containsEntry("net.ipv4.neigh.eth0.base_reachable_time_ms", "30000")
                .containsEntry("net.ipv4.neigh.eth0.delay_first_probe_time", "5")
                .containsEntry("net.ipv4.neigh.eth0.retrans_time_ms", "1000")
                .containsEntry("net.ipv4.neigh.eth0.ucast_solicit", "3")
                .containsEntry("net.ipv4.neigh.eth0.mcast_solicit", "3")
                .containsEntry("net.ipv4.neigh.eth0.mcast_resolicit", "0")
                .containsEntry("net.ipv4.neigh.eth0.app_solicit", "0")
                .containsEntry("net.ipv4.neigh.eth0.unres_qlen_bytes", "212992")
                .containsEntry("net.ipv4.neigh.eth0.unres_qlen", "101")
                .containsEntry("net.ipv4.neigh.eth0.gc_stale_time", "60")
                .containsEntry("net.ipv4.neigh.eth0.locktime", "100");
        assertThat(s.get("net.ipv6.neigh.eth0.locktime")).isEqualTo("0");
        assertThat(s.get("net.ipv4.neigh.default.gc_thresh3")).isEqualTo("1024");
        assertThat(s.exists("net.ipv4.neigh.all.base_reachable_time_ms")).isFalse();
        assertThat(s.get("net.ipv4.conf.eth0.arp_ignore")).isEqualTo("0");
    }
}
