package dev.weir.neigh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.ArpRepr;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.core.DropReason;
import dev.weir.core.InetAddress4;
import dev.weir.sim.Simulation;
import dev.weir.testing.Frames;
import dev.weir.testing.TestNic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ARP's receive rules (Linux's arp_process) on host 10.0.0.1, with frames the test injects. */
class ArpTest {
    static final long S = 1_000_000_000L;
    static final long PEER = 0x02_00_00_00_00_02L;

    final Simulation sim = new Simulation(4);
    final Host a = new Host(sim, 1);

    @AfterEach
    void noLeaks() {
        a.net.pool().assertNoLeaks();
    }

    static byte[] arp(ArpRepr.Operation op, long sha, String sip, long tha, String tip, long ethDst) {
        byte[] p = new byte[28];
        new ArpRepr(op, new MacAddress(sha), Ipv4Address.parse(sip), new MacAddress(tha), Ipv4Address.parse(tip)).emit(p, 0);
        return Frames.ether(ethDst, sha, EtherType.ARP, p);
    }

    static byte[] request(long sha, String sip, String tip) {
        return arp(ArpRepr.Operation.REQUEST, sha, sip, 0, tip, 0xffff_ffff_ffffL);
    }

    /** The ARP replies a sent, as "SENDER-IP is-at MAC to TARGET-IP". */
    java.util.List<String> replies() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (byte[] f : a.eth0.sent) {
            if (Frames.type(f) == EtherType.ARP && Bytes.u16(f, 14 + 6) == 2) {
                out.add(Ipv4Address.toString(Bytes.i32(f, 14 + 14)) + " is-at " + new MacAddress(Bytes.u48(f, 14 + 8))
                        + " to " + Ipv4Address.toString(Bytes.i32(f, 14 + 24)));
            }
        }
        return out;
    }

    @Test
    void aRequestForAnyLocalAddressIsAnsweredAndItsSenderLearnedStale() {
        // An address of another device of the host: answered on eth0 too (arp_ignore 0, Linux's weak host model).
        TestNic eth1 = new TestNic(a.net, "eth1", 0x02_00_00_00_00_11L).up();
        int other = Ipv4Address.parse("192.168.5.1").bits();
        eth1.ipv4AddressList().add(new InetAddress4(other, 24, 0, InetAddress4.SCOPE_UNIVERSE, false));
        a.eth0.inject(request(PEER, "10.0.0.2", "10.0.0.1"));
        a.eth0.inject(request(PEER, "10.0.0.2", "192.168.5.1"));
        assertThat(replies()).containsExactly("10.0.0.1 is-at 02:00:00:00:00:01 to 10.0.0.2",
                "192.168.5.1 is-at 02:00:00:00:00:01 to 10.0.0.2");
        Neighbour n = a.v4("10.0.0.2");
        assertThat(n.state()).isEqualTo(Nud.STALE);
        assertThat(n.lladdr()).isEqualTo(PEER);
    }

    @Test
    void arpIgnore1AnswersOnlyForAddressesOfTheReceivingDevice() {
        TestNic eth1 = new TestNic(a.net, "eth1", 0x02_00_00_00_00_11L).up();
        eth1.ipv4AddressList().add(new InetAddress4(Ipv4Address.parse("192.168.5.1").bits(), 24, 0, InetAddress4.SCOPE_UNIVERSE, false));
        a.net.sysctls().set("net.ipv4.conf.eth0.arp_ignore", "1");
        a.eth0.inject(request(PEER, "10.0.0.2", "192.168.5.1"));
        a.eth0.inject(request(PEER, "10.0.0.2", "10.0.0.1"));
        assertThat(replies()).containsExactly("10.0.0.1 is-at 02:00:00:00:00:01 to 10.0.0.2");
        // "all" counts too: the larger of all and the device's value (IN_DEV_MAXCONF).
        a.net.sysctls().set("net.ipv4.conf.eth0.arp_ignore", "0");
        a.net.sysctls().set("net.ipv4.conf.all.arp_ignore", "1");
        a.eth0.inject(request(PEER, "10.0.0.2", "192.168.5.1"));
        assertThat(replies()).hasSize(1);
    }

    @Test
    void arpIgnore2AlsoWantsTheSenderOnTheAddressesSubnet() {
        a.net.sysctls().set("net.ipv4.conf.eth0.arp_ignore", "2");
        a.eth0.inject(request(PEER, "10.9.9.9", "10.0.0.1"));
        a.eth0.inject(request(PEER, "10.0.0.2", "10.0.0.1"));
        assertThat(replies()).containsExactly("10.0.0.1 is-at 02:00:00:00:00:01 to 10.0.0.2");
        a.net.sysctls().set("net.ipv4.conf.eth0.arp_ignore", "8");
        a.eth0.inject(request(PEER, "10.0.0.2", "10.0.0.1"));
        assertThat(replies()).hasSize(1);
    }

    @Test
    void unsolicitedRepliesAndGratuitousArpCreateNothingButUpdateWhatExists() {
        a.eth0.inject(arp(ArpRepr.Operation.REPLY, PEER, "10.0.0.2", Host.mac(1), "10.0.0.1", Host.mac(1)));
        a.eth0.inject(request(PEER, "10.0.0.3", "10.0.0.3"));
        assertThat(a.arp.size()).isZero();
        a.sendV4("10.0.0.2", 4);
        a.eth0.inject(arp(ArpRepr.Operation.REPLY, PEER, "10.0.0.2", Host.mac(1), "10.0.0.1", Host.mac(1)));
        Neighbour n = a.v4("10.0.0.2");
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        // Within locktime (1 s) a reply with another address is not taken: the first answer wins.
        long other = 0x02_00_00_00_00_77L;
        a.eth0.inject(arp(ArpRepr.Operation.REPLY, other, "10.0.0.2", Host.mac(1), "10.0.0.1", Host.mac(1)));
        assertThat(n.lladdr()).isEqualTo(PEER);
        // A gratuitous ARP overrides even within locktime.
        a.eth0.inject(request(other, "10.0.0.2", "10.0.0.2"));
        assertThat(n.lladdr()).isEqualTo(other);
        assertThat(n.state()).isEqualTo(Nud.STALE);
        // After locktime a reply overrides; a broadcast reply does not assert reachability.
        sim.scheduler().runUntil(2 * S);
        a.eth0.inject(arp(ArpRepr.Operation.REPLY, PEER, "10.0.0.2", Host.mac(1), "10.0.0.1", 0xffff_ffff_ffffL));
        assertThat(n.lladdr()).isEqualTo(PEER);
        assertThat(n.state()).isEqualTo(Nud.STALE);
    }

    @Test
    void arpAccept1CreatesEntriesFromGratuitousArp() {
        a.net.sysctls().set("net.ipv4.conf.eth0.arp_accept", "1");
        a.eth0.inject(request(PEER, "10.0.0.2", "10.0.0.2"));
        assertThat(a.v4("10.0.0.2").state()).isEqualTo(Nud.STALE);
    }

    @Test
    void framesForOtherHostsAreConsumedUnreadAndMalformedOnesDropped() {
        a.eth0.inject(arp(ArpRepr.Operation.REQUEST, PEER, "10.0.0.2", 0, "10.0.0.1", 0x02_00_00_00_00_55L));
        assertThat(replies()).isEmpty();
        assertThat(a.net.counters().totalDrops()).isZero();
        a.eth0.inject(Frames.ether(0xffff_ffff_ffffL, PEER, EtherType.ARP, new byte[20]));
        assertThat(a.net.counters().drops(DropReason.PKT_TOO_SMALL)).isEqualTo(1);
        byte[] ipx = request(PEER, "10.0.0.2", "10.0.0.1");
        ipx[14 + 2] = (byte) 0x81; // protocol type 0x8137: not IPv4
        a.eth0.inject(ipx);
        assertThat(a.net.counters().drops(DropReason.NOT_SPECIFIED)).isEqualTo(1);
        a.eth0.inject(request(PEER, "10.0.0.2", "224.0.0.1"));
        assertThat(a.net.counters().drops(DropReason.NOT_SPECIFIED)).isEqualTo(2);
        assertThat(a.net.costs().neigh).isPositive();
    }

    @Test
    void aDuplicateAddressProbeFromZeroIsAnsweredButTeachesNothing() {
        a.eth0.inject(request(PEER, "0.0.0.0", "10.0.0.1"));
        assertThat(replies()).containsExactly("10.0.0.1 is-at 02:00:00:00:00:01 to 0.0.0.0");
        assertThat(a.arp.size()).isZero();
    }

    @Test
    void requestsCarryTheWaitingPacketsSourceOrThePrimaryAddressOnTheTargetsSubnet() {
        a.eth0.ipv4AddressList().add(new InetAddress4(Ipv4Address.parse("172.16.0.1").bits(), 16, 0, InetAddress4.SCOPE_UNIVERSE, false));
        // A packet from 172.16.0.1 to a neighbour on 10.0.0.0/24: arp_announce 0 uses the packet's source.
        a.arp.output(Frames.ipSkb(a.net.pool(), Frames.ipv4("172.16.0.1", "10.0.0.2", 64, 0)), Ipv4Address.parse("10.0.0.2").bits(), a.eth0);
        assertThat(Ipv4Address.toString(Bytes.i32(a.eth0.sent.get(0), 14 + 14))).isEqualTo("172.16.0.1");
        // arp_announce 2: the device's primary address on the target's subnet.
        a.net.sysctls().set("net.ipv4.conf.eth0.arp_announce", "2");
        a.arp.output(Frames.ipSkb(a.net.pool(), Frames.ipv4("172.16.0.1", "10.0.0.3", 64, 0)), Ipv4Address.parse("10.0.0.3").bits(), a.eth0);
        assertThat(Ipv4Address.toString(Bytes.i32(a.eth0.sent.get(1), 14 + 14))).isEqualTo("10.0.0.1");
        sim.scheduler().run();
    }

    @Test
    void aDeviceGoingDownTakesItsEntriesAndLosingCarrierAllButPermanentOnes() {
        a.sendV4("10.0.0.2", 4);
        a.eth0.inject(arp(ArpRepr.Operation.REPLY, PEER, "10.0.0.2", Host.mac(1), "10.0.0.1", Host.mac(1)));
        Neighbour perm = a.arp.create(Ipv4Address.parse("10.0.0.9").bits(), a.eth0);
        a.arp.update(perm, 0x02_00_00_00_00_09L, Nud.PERMANENT, NeighTable.F_ADMIN | NeighTable.F_OVERRIDE);
        a.sendV4("10.0.0.3", 4); // waits, INCOMPLETE
        a.eth0.setCarrier(false);
        assertThat(a.arp.entries()).containsExactly(perm);
        assertThat(a.net.counters().drops(DropReason.NEIGH_DEAD)).isEqualTo(1);
        a.eth0.setCarrier(true);
        a.eth0.close();
        assertThat(a.arp.size()).isZero();
        assertThat(perm.isDead()).isTrue();
    }

    @Test
    void garbageCollectionKeepsTheTableWithinItsThresholds() {
        a.net.sysctls().set("net.ipv4.neigh.default.gc_thresh1", "2");
        a.net.sysctls().set("net.ipv4.neigh.default.gc_thresh2", "3");
        a.net.sysctls().set("net.ipv4.neigh.default.gc_thresh3", "4");
        for (int i = 2; i <= 5; i++) {
            a.eth0.inject(request(0x02_00_00_00_00_00L | i, "10.0.0." + i, "10.0.0.1")); // STALE entries
        }
        assertThat(a.arp.size()).isEqualTo(4);
        sim.scheduler().runUntil(6 * S);
        // A fifth entry with gc_thresh3 reached: idle entries older than 5 s go first, down to gc_thresh2.
        a.eth0.inject(request(0x02_00_00_00_00_06L, "10.0.0.6", "10.0.0.1"));
        assertThat(a.arp.size()).isEqualTo(4);
        assertThat(a.arp.stats.forcedGcRuns).isEqualTo(1);
        assertThat(a.v4("10.0.0.6")).isNotNull();
        // Periodically (every base_reachable_time/2) entries unused for gc_stale_time (60 s) go.
        sim.scheduler().runUntil(120 * S);
        assertThat(a.arp.size()).isLessThanOrEqualTo(1);
        assertThat(a.arp.stats.periodicGcRuns).isPositive();
        sim.scheduler().run(); // and the collector stops once below gc_thresh1
    }
}
