package dev.weir.neigh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.Icmpv6Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.NdpOption;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.pcap.CaptureReader;
import dev.weir.pcap.CapturedPacket;
import dev.weir.sim.Simulation;
import dev.weir.testing.Frames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Neighbor Discovery (RFC 4861, Linux's ndisc.c) between two namespaces joined back to back,
 * compared with Linux's own packets in captures/ipv6-ping.pcap and captures/udp.pcap (same
 * addresses), and its receive checks.
 */
class NdiscTest {
    final Simulation sim = new Simulation(2);
    final Host a = new Host(sim, 1);
    final Host b = new Host(sim, 2);
    final Link link = new Link(sim, "a", "b", LinkConfig.DEFAULT);

    NdiscTest() {
        a.eth0.plug(link.a());
        b.eth0.plug(link.b());
    }

    @AfterEach
    void noLeaks() {
        settle(); // frames still on the link arrive and are consumed
        a.net.pool().assertNoLeaks();
        b.net.pool().assertNoLeaks();
    }

    void settle() {
        sim.scheduler().runFor(1_000_000);
    }

    static List<CapturedPacket> capture(String name) throws IOException {
        return CaptureReader.readAll(Path.of("src/test/resources/captures/" + name));
    }

    @Test
    void theSolicitationAndAdvertisementAreTheBytesLinuxSent() throws IOException {
        List<CapturedPacket> linux = capture("ipv6-ping.pcap");
        a.sendV6("fd00::1", "fd00::2", 64);
        // To the solicited-node address ff02::1:ff00:2, from the waiting packet's source, with SLLA.
        assertThat(a.eth0.sent.get(0)).isEqualTo(linux.get(0).data());
        settle();
        // Solicited and Override (it was multicast), with TLLA.
        assertThat(b.eth0.sent.get(0)).isEqualTo(linux.get(1).data());
        Neighbour n = a.v6("fd00::2");
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        assertThat(n.lladdr()).isEqualTo(Host.mac(2));
        assertThat(n.isRouter()).isFalse();
        assertThat(b.delivered).hasSize(1);
        assertThat(b.v6("fd00::1").state()).isEqualTo(Nud.DELAY); // created STALE by the NS, used by the NA
        assertThat(a.net.counters().get(Mib.Icmp6OutNeighborSolicits)).isEqualTo(1);
        assertThat(a.net.counters().get(Mib.Icmp6OutMsgs)).isEqualTo(1);
        assertThat(b.net.counters().get(Mib.Icmp6InNeighborSolicits)).isEqualTo(1);
        assertThat(b.net.counters().get(Mib.Icmp6OutNeighborAdvertisements)).isEqualTo(1);
        assertThat(a.net.counters().get(Mib.Icmp6InNeighborAdvertisements)).isEqualTo(1);
    }

    @Test
    void aUnicastProbeAndItsAnswerAreTheBytesLinuxSent() throws IOException {
        List<CapturedPacket> linux = capture("udp.pcap");
        // a knows b's link-local address (STALE), uses it, and after delay_first_probe_time probes it.
        Neighbour n = a.ndisc.create(Ipv6Address.parse("fe80::ff:fe00:2"), a.eth0);
        a.ndisc.update(n, Host.mac(2), Nud.STALE, NeighTable.F_OVERRIDE);
        a.sendV6("fe80::ff:fe00:1", "fe80::ff:fe00:2", 8);
        sim.scheduler().runUntil(5_000_000_000L - 1);
        assertThat(n.state()).isEqualTo(Nud.DELAY);
        settle();
        assertThat(a.changes).contains("fe80::ff:fe00:2 DELAY>PROBE @5000000000");
        byte[] ns = a.eth0.sent.get(1);
        // From the link-local address (no waiting packet), unicast, with SLLA: 32 bytes of ICMPv6.
        assertThat(ns).isEqualTo(linux.get(0).data());
        // Solicited only: a unicast solicitation gets no Override flag and no TLLA (24 bytes).
        assertThat(b.eth0.sent.get(b.eth0.sent.size() - 1)).isEqualTo(linux.get(1).data());
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
    }

    /** An NDP message to b as the wire carries it, before any patching of {@code hop} or the code. */
    byte[] toB(Icmpv6Repr m, String src, String dst, int hop, long ethDst) {
        Ipv6Address s = Ipv6Address.parse(src);
        Ipv6Address d = Ipv6Address.parse(dst);
        int len = m.bufferLength();
        byte[] p = new byte[40 + len];
        new Ipv6Repr(s, d, IpProtocol.ICMPV6, len, hop).emit(p, 0);
        m.emit(p, 40, s, d);
        return Frames.ether(ethDst, Host.mac(1), EtherType.IPV6, p);
    }

    Icmpv6Repr ns(String target) {
        return new Icmpv6Repr.NeighborSolicitation(Ipv6Address.parse(target),
                List.of(new NdpOption.SourceLinkLayerAddress(new MacAddress(Host.mac(1)))));
    }

    @Test
    void receivedMessagesAreCheckedAsLinuxChecksThem() {
        long sn = MacAddress.ipv6Multicast(Ipv6Address.parse("fd00::2").solicitedNode()).bits();
        // RFC 4861 7.1.1: hop limit 255, code 0, options of non-zero length.
        b.eth0.inject(toB(ns("fd00::2"), "fd00::1", "ff02::1:ff00:2", 64, sn));
        assertThat(b.net.counters().drops(DropReason.IPV6_NDISC_HOP_LIMIT)).isEqualTo(1);
        byte[] badCode = toB(ns("fd00::2"), "fd00::1", "ff02::1:ff00:2", 255, sn);
        badCode[14 + 40 + 1] = 1;
        b.eth0.inject(badCode);
        assertThat(b.net.counters().drops(DropReason.IPV6_NDISC_BAD_CODE)).isEqualTo(1);
        byte[] badOpt = toB(ns("fd00::2"), "fd00::1", "ff02::1:ff00:2", 255, sn);
        badOpt[14 + 40 + 24 + 1] = 0; // an option of length 0
        b.eth0.inject(badOpt);
        assertThat(b.net.counters().drops(DropReason.IPV6_NDISC_BAD_OPTIONS)).isEqualTo(1);
        // A solicitation for an address b does not have on that device.
        b.eth0.inject(toB(ns("fd00::99"), "fd00::1", "ff02::1:ff00:99", 255, sn));
        assertThat(b.net.counters().drops(DropReason.IPV6_NDISC_NS_OTHERHOST)).isEqualTo(1);
        // A truncated solicitation.
        byte[] shortNs = toB(new Icmpv6Repr.Other(135, 0, dev.weir.api.wire.Octets.zeros(8)), "fd00::1", "ff02::1:ff00:2", 255, sn);
        b.eth0.inject(shortNs);
        assertThat(b.net.counters().drops(DropReason.PKT_TOO_SMALL)).isEqualTo(1);
        assertThat(b.net.counters().get(Mib.Icmp6InNeighborSolicits)).isEqualTo(5);
        assertThat(b.eth0.sent).isEmpty();
        assertThat(b.ndisc.size()).isZero();
    }

    @Test
    void aSolicitationForALinkLocalAddressIsAnswered() {
        long sn = MacAddress.ipv6Multicast(Ipv6Address.parse("fe80::ff:fe00:2").solicitedNode()).bits();
        b.eth0.inject(toB(ns("fe80::ff:fe00:2"), "fe80::ff:fe00:1", "ff02::1:ff00:2", 255, sn));
        assertThat(b.eth0.sent).hasSize(1);
        byte[] na = b.eth0.sent.get(0);
        assertThat(Ipv6Address.read(na, 14 + 8)).isEqualTo(Ipv6Address.parse("fe80::ff:fe00:2"));
        assertThat(na[14 + 40] & 0xff).isEqualTo(Icmpv6Packet.NEIGHBOR_ADVERTISEMENT);
        assertThat(na[14 + 40 + 4] & 0xff).isEqualTo(Icmpv6Packet.NA_FLAG_SOLICITED | Icmpv6Packet.NA_FLAG_OVERRIDE);
    }

    @Test
    void aDuplicateAddressProbeIsAnsweredToAllNodesAndTeachesNothing() {
        long sn = MacAddress.ipv6Multicast(Ipv6Address.parse("fd00::2").solicitedNode()).bits();
        b.eth0.inject(toB(new Icmpv6Repr.NeighborSolicitation(Ipv6Address.parse("fd00::2"), List.of()), "::", "ff02::1:ff00:2", 255, sn));
        byte[] na = b.eth0.sent.get(0);
        assertThat(Frames.dst(na)).isEqualTo(0x3333_0000_0001L);
        assertThat(Ipv6Address.read(na, 14 + 24)).isEqualTo(Ipv6Address.ALL_NODES);
        assertThat(na[14 + 40 + 4] & 0xff).isEqualTo(Icmpv6Packet.NA_FLAG_OVERRIDE); // not solicited
        assertThat(b.ndisc.size()).isEqualTo(1); // only the NOARP entry of ff02::1 it sent to
    }

    /** An advertisement of fd00::2 arriving at a from b, with flags and an optional TLLA. */
    void naToA(boolean router, boolean solicited, boolean override, long tlla) {
        Ipv6Address s = Ipv6Address.parse("fd00::2");
        Ipv6Address d = Ipv6Address.parse("fd00::1");
        Icmpv6Repr na = new Icmpv6Repr.NeighborAdvertisement(router, solicited, override, s,
                tlla < 0 ? List.of() : List.of(new NdpOption.TargetLinkLayerAddress(new MacAddress(tlla))));
        int len = na.bufferLength();
        byte[] p = new byte[40 + len];
        new Ipv6Repr(s, d, IpProtocol.ICMPV6, len, 255).emit(p, 0);
        na.emit(p, 40, s, d);
        a.eth0.inject(Frames.ether(Host.mac(1), Host.mac(2), EtherType.IPV6, p));
    }

    @Test
    void advertisementsUpdateTheCacheByRfc4861Section725() {
        a.sendV6("fd00::1", "fd00::2", 8);
        settle();
        Neighbour n = a.v6("fd00::2");
        long x = Host.mac(2);
        long y = 0x02_00_00_00_00_99L;
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        // O clear, a different address: keep the cached one, but REACHABLE goes STALE.
        naToA(false, true, false, y);
        assertThat(n.lladdr()).isEqualTo(x);
        assertThat(n.state()).isEqualTo(Nud.STALE);
        // O set: the new address is taken; S set: REACHABLE.
        naToA(false, true, true, y);
        assertThat(n.lladdr()).isEqualTo(y);
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        // Unsolicited with O: new address, STALE.
        naToA(false, false, true, x);
        assertThat(n.lladdr()).isEqualTo(x);
        assertThat(n.state()).isEqualTo(Nud.STALE);
        // Solicited without TLLA: the cached address is confirmed.
        naToA(false, true, false, -1);
        assertThat(n.state()).isEqualTo(Nud.REACHABLE);
        // R sets the router flag, and clears it.
        naToA(true, true, false, -1);
        assertThat(n.isRouter()).isTrue();
        naToA(false, true, false, -1);
        assertThat(n.isRouter()).isFalse();
        // An advertisement for a target nobody asked about is dropped.
        a.ndisc.delete(n);
        naToA(false, false, true, x);
        assertThat(a.v6("fd00::2")).isNull();
        assertThat(a.net.counters().drops(DropReason.NOT_SPECIFIED)).isEqualTo(1);
    }

    @Test
    void anIncompleteEntryIgnoresAnAdvertisementWithoutTargetAddress() {
        link.b().detach(); // b no longer answers
        a.sendV6("fd00::1", "fd00::2", 8);
        naToA(false, true, false, -1);
        assertThat(a.v6("fd00::2").state()).isEqualTo(Nud.INCOMPLETE);
        naToA(false, true, false, Host.mac(2));
        assertThat(a.v6("fd00::2").state()).isEqualTo(Nud.REACHABLE);
    }

    @Test
    void multicastDestinationsMapStraightToTheirEthernetGroups() {
        a.sendV6("fd00::1", "ff02::1", 8);
        a.sendV4("224.0.0.5", 8);
        a.sendV4("10.0.0.255", 8); // the subnet broadcast of 10.0.0.1/24
        assertThat(a.eth0.sent).extracting(Frames::dst).containsExactly(0x3333_0000_0001L, 0x0100_5e00_0005L, 0xffff_ffff_ffffL);
        assertThat(a.v6("ff02::1").state()).isEqualTo(Nud.NOARP);
        assertThat(a.v4("224.0.0.5").state()).isEqualTo(Nud.NOARP);
        assertThat(Bytes.u16(a.eth0.sent.get(0), 12)).isEqualTo(EtherType.IPV6);
    }

    @Test
    void withoutALinkLocalAddressNoSolicitationCanBeSentAsInLinux() {
        a.eth0.ipv6AddressList().removeIf(x -> x.address().isLinkLocal());
        a.sendV6("2001:db8::7", "fd00::2", 8); // a source not on eth0, and no link-local to fall back on
        assertThat(a.eth0.sent).isEmpty();
        assertThat(a.v6("fd00::2").state()).isEqualTo(Nud.INCOMPLETE);
        sim.scheduler().run();
        assertThat(a.v6("fd00::2").state()).isEqualTo(Nud.FAILED);
    }
}
