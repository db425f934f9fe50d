package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.Ipv6FragmentHeader;
import dev.weir.api.wire.Ipv6Option;
import dev.weir.api.wire.Ipv6OptionsHeader;
import dev.weir.api.wire.Ipv6Repr;
import dev.weir.api.wire.Ipv6RoutingHeader;
import dev.weir.api.wire.Octets;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IPv6 receive on one host (fd00::2/64 on eth0): RFC 8200 and RFC 4291 rules, extension headers, ICMPv6. */
class Ipv6InputTest {
    static final Ipv6Address A = Ipv6Address.parse("fd00::1");
    static final Ipv6Address B = Ipv6Address.parse("fd00::2");

    private final IpTestNet net = new IpTestNet();
    private final IpTestNet.Host b = net.host("b");
    private final IpTestNet.Dev eth0 = b.dev("eth0");
    private final List<SkBuff> delivered = new ArrayList<>();
    private final List<SkBuff> ndisc = new ArrayList<>();

    Ipv6InputTest() {
        b.ip("addr add fd00::2/64 dev eth0");
        b.ip.v6().register(IpProtocol.UDP, delivered::add);
        b.ip.v6().icmp().setNdiscReceiver((skb, dev) -> ndisc.add(skb));
    }

    @AfterEach
    void nothingLeaks() {
        delivered.forEach(SkBuff::consume);
        ndisc.forEach(SkBuff::consume);
        net.assertNoLeaks();
    }

    /** A packet A to {@code dst}: fixed header naming {@code first}, then {@code headers}, then a UDP header and 4 bytes. */
    static byte[] packet(Ipv6Address dst, int first, byte[]... headers) {
        int hl = 0;
        for (byte[] h : headers) {
            hl += h.length;
        }
        byte[] p = new byte[40 + hl + 12];
        new Ipv6Repr(A, dst, first, hl + 12, 64).emit(p, 0);
        int at = 40;
        for (byte[] h : headers) {
            System.arraycopy(h, 0, p, at, h.length);
            at += h.length;
        }
        Bytes.put16(p, at, 40000);
        Bytes.put16(p, at + 2, 9);
        Bytes.put16(p, at + 4, 12);
        return p;
    }

    static byte[] options(int protocol, int next, Ipv6Option... opts) {
        Ipv6OptionsHeader h = Ipv6OptionsHeader.of(protocol, next, List.of(opts));
        byte[] b = new byte[h.headerLength()];
        h.emit(b, 0);
        return b;
    }

    private byte[] onlyError() {
        net.run(10_000);
        assertThat(eth0.sent).hasSize(1);
        return eth0.last();
    }

    @Test
    void echoRequestIsAnsweredAsLinuxAnswersIt() {
        byte[] req = LinuxPackets.l3("/captures/ipv6-ping.pcap", 3);
        byte[] linux = LinuxPackets.l3("/captures/ipv6-ping.pcap", 4);
        b.inject(eth0, req);
        byte[] reply = onlyError();
        // The flow label is the host's own choice (Linux hashes the flow); everything else matches.
        byte[] ours = reply.clone();
        byte[] theirs = Arrays.copyOf(linux, 104);
        ours[1] &= (byte) 0xf0;
        theirs[1] &= (byte) 0xf0;
        ours[2] = ours[3] = theirs[2] = theirs[3] = 0;
        assertThat(ours).isEqualTo(theirs);
        assertThat(b.mib(Mib.Icmp6InEchos)).isEqualTo(1);
        assertThat(b.mib(Mib.Icmp6OutEchoReplies)).isEqualTo(1);
    }

    @Test
    void aDatagramIsDeliveredWithTheTransportHeaderAtData() {
        b.inject(eth0, packet(B, IpProtocol.UDP));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).len()).isEqualTo(12);
        assertThat(delivered.get(0).data() - delivered.get(0).networkHeader()).isEqualTo(40);
        assertThat(b.mib(Mib.Ip6InDelivers)).isEqualTo(1);
    }

    @Test
    void aShortPacketOrAnotherVersionIsAHeaderError() {
        b.inject6(eth0, Arrays.copyOf(packet(B, IpProtocol.UDP), 39));
        byte[] v4 = packet(B, IpProtocol.UDP);
        v4[0] = 0x40;
        b.inject6(eth0, v4);
        assertThat(b.mib(Mib.Ip6InHdrErrors)).isEqualTo(2);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aMulticastSourceIsDroppedRfc4291Section2_7() {
        byte[] p = packet(B, IpProtocol.UDP);
        p[8] = (byte) 0xff;
        b.inject(eth0, p);
        assertThat(b.drops(DropReason.IP_INHDR)).isEqualTo(1);
        assertThat(b.mib(Mib.Ip6InHdrErrors)).isEqualTo(1);
    }

    @Test
    void aLoopbackAddressFromTheWireIsDroppedRfc4291Section2_5_3() {
        byte[] p = packet(B, IpProtocol.UDP);
        Arrays.fill(p, 8, 24, (byte) 0);
        p[23] = 1;
        b.inject(eth0, p);
        assertThat(b.drops(DropReason.IP_INHDR)).isEqualTo(1);
    }

    @Test
    void aPayloadLongerThanThePacketIsTruncated() {
        byte[] p = packet(B, IpProtocol.UDP);
        Bytes.put16(p, 4, 100);
        b.inject(eth0, p);
        assertThat(b.mib(Mib.Ip6InTruncatedPkts)).isEqualTo(1);
        assertThat(b.drops(DropReason.PKT_TOO_SMALL)).isEqualTo(1);
    }

    @Test
    void disableIpv6DropsEverything() {
        b.sysctl("net.ipv6.conf.eth0.disable_ipv6", "1");
        b.inject(eth0, packet(B, IpProtocol.UDP));
        assertThat(b.drops(DropReason.IPV6DISABLED)).isEqualTo(1);
        assertThat(b.mib(Mib.Ip6InDiscards)).isEqualTo(1);
    }

    @Test
    void unknownOptionsActAsTheirHighBitsSayRfc8200Section4_2() {
        // 00: skip and deliver.
        b.inject(eth0, packet(B, IpProtocol.HOPOPTS, options(IpProtocol.HOPOPTS, IpProtocol.UDP, new Ipv6Option(0x1e, Octets.zeros(4)))));
        assertThat(delivered).hasSize(1);
        // 01: discard silently.
        b.inject(eth0, packet(B, IpProtocol.HOPOPTS, options(IpProtocol.HOPOPTS, IpProtocol.UDP, new Ipv6Option(0x5e, Octets.zeros(4)))));
        assertThat(eth0.sent).isEmpty();
        assertThat(b.drops(DropReason.UNHANDLED_PROTO)).isEqualTo(1);
        // 10: discard and send a parameter problem code 2 pointing at the option.
        b.inject(eth0, packet(B, IpProtocol.DSTOPTS, options(IpProtocol.DSTOPTS, IpProtocol.UDP, new Ipv6Option(0x9e, Octets.zeros(4)))));
        byte[] e = onlyError();
        assertThat(e[40]).isEqualTo((byte) Icmpv6Packet.PARAMETER_PROBLEM);
        assertThat(e[41]).isEqualTo((byte) Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION);
        assertThat(Bytes.i32(e, 44)).isEqualTo(42);
        assertThat(b.mib(Mib.Ip6InHdrErrors)).isEqualTo(2);
        // 11: the same, but not for a multicast destination.
        byte[] mc = packet(Ipv6Address.parse("ff02::1"), IpProtocol.DSTOPTS,
                options(IpProtocol.DSTOPTS, IpProtocol.UDP, new Ipv6Option(0xde, Octets.zeros(4))));
        b.inject(eth0, mc);
        net.run(10_000);
        assertThat(eth0.sent).hasSize(1);
    }

    @Test
    void paddingMustBeZeroAndShortRfc4942Section2_1_9_5() {
        byte[] padN = options(IpProtocol.DSTOPTS, IpProtocol.UDP, Ipv6Option.padN(6));
        padN[4] = 1;
        b.inject(eth0, packet(B, IpProtocol.DSTOPTS, padN));
        assertThat(b.drops(DropReason.IPV6_BAD_EXTHDR)).isEqualTo(1);
        assertThat(b.mib(Mib.Ip6InHdrErrors)).isEqualTo(1);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aHopByHopHeaderAnywhereButFirstIsAParameterProblemRfc8200Section4_1() {
        byte[] dst = options(IpProtocol.DSTOPTS, IpProtocol.HOPOPTS, Ipv6Option.padN(6));
        byte[] hbh = options(IpProtocol.HOPOPTS, IpProtocol.UDP, Ipv6Option.padN(6));
        b.inject(eth0, packet(B, IpProtocol.DSTOPTS, dst, hbh));
        byte[] e = onlyError();
        assertThat(e[41]).isEqualTo((byte) Icmpv6Packet.PARAMPROB_UNKNOWN_NEXT_HEADER);
        assertThat(Bytes.i32(e, 44)).as("the Destination Options header's Next Header").isEqualTo(40);
    }

    @Test
    void anUnknownNextHeaderIsAParameterProblemAsLinux() {
        byte[] bad = LinuxPackets.icmpCapture("paramprob6", 1);
        byte[] linux = LinuxPackets.icmpCapture("paramprob6", 2);
        IpTestNet.Host r = net.host("r");
        IpTestNet.Dev rEth = r.dev("eth0");
        r.ip("addr add fd01::fe/64 dev eth0");
        r.inject(rEth, bad);
        net.run(10_000);
        byte[] ours = rEth.last();
        assertThat(Arrays.copyOfRange(ours, 4, ours.length)).as("all but the flow label")
                .isEqualTo(Arrays.copyOfRange(linux, 4, 40 + Bytes.u16(linux, 4)));
        assertThat(r.mib(Mib.Ip6InUnknownProtos)).isEqualTo(1);
        assertThat(r.drops(DropReason.IP_NOPROTO)).isEqualTo(1);
    }

    @Test
    void aRoutingHeaderWithSegmentsLeftIsRefusedAtItsTypeAndOneWithNoneIsSkipped() {
        byte[] rt = new byte[24];
        new Ipv6RoutingHeader(IpProtocol.UDP, 0, 1, Octets.zeros(20)).emit(rt, 0);
        b.inject(eth0, packet(B, IpProtocol.ROUTING, rt));
        byte[] e = onlyError();
        assertThat(e[41]).isEqualTo((byte) Icmpv6Packet.PARAMPROB_HEADER_FIELD);
        assertThat(Bytes.i32(e, 44)).as("the Routing Type octet").isEqualTo(42);
        new Ipv6RoutingHeader(IpProtocol.UDP, 0, 0, Octets.zeros(20)).emit(rt, 0);
        b.inject(eth0, packet(B, IpProtocol.ROUTING, rt));
        assertThat(delivered).hasSize(1);
    }

    @Test
    void fragmentsAndAtomicFragmentsAreDeliveredAfterReassembly() {
        byte[] all = Ipv4ReassemblyTest.data(32);
        Bytes.put16(all, 4, 32);
        b.inject(eth0, Ipv6ReassemblyTest.fragment(B, 5, IpProtocol.UDP, 16, 16, false, 0, all));
        b.inject(eth0, Ipv6ReassemblyTest.fragment(B, 5, IpProtocol.UDP, 0, 16, true, 0, all));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).len()).isEqualTo(32);
        b.inject(eth0, Ipv6ReassemblyTest.fragment(B, 6, IpProtocol.UDP, 0, 32, false, 0, all));
        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(1).data() - delivered.get(1).networkHeader()).as("past the Fragment header").isEqualTo(48);
        assertThat(b.mib(Mib.Ip6ReasmOKs)).isEqualTo(2);
    }

    @Test
    void noNextHeaderEndsProcessing() {
        byte[] p = packet(B, IpProtocol.NONE);
        b.inject(eth0, p);
        assertThat(delivered).isEmpty();
        assertThat(b.mib(Mib.Ip6InDelivers)).isEqualTo(1);
        assertThat(eth0.sent).isEmpty();
    }

    @Test
    void aBadIcmpv6ChecksumIsDroppedRfc4443Section2_4() {
        byte[] req = LinuxPackets.l3("/captures/ipv6-ping.pcap", 3);
        req[50] ^= 1;
        b.inject(eth0, req);
        assertThat(b.mib(Mib.Icmp6InCsumErrors)).isEqualTo(1);
        assertThat(b.drops(DropReason.ICMP_CSUM)).isEqualTo(1);
        assertThat(eth0.sent).isEmpty();
    }

    @Test
    void neighborDiscoveryGoesToTheNeighbourLayer() {
        byte[] ns = LinuxPackets.l3("/captures/ipv6-ping.pcap", 1);
        b.inject(eth0, ns, SkBuff.PACKET_MULTICAST);
        assertThat(ndisc).hasSize(1);
        assertThat(ndisc.get(0).buf()[ndisc.get(0).data()]).isEqualTo((byte) Icmpv6Packet.NEIGHBOR_SOLICITATION);
        assertThat(b.mib(Mib.Icmp6InMsgs)).isEqualTo(1);
        assertThat(b.mib(Mib.Icmp6InNeighborSolicits)).as("the neighbour layer counts its own types").isZero();
    }

    @Test
    void aReassemblyTimeoutAnswersTimeExceededCode1() {
        byte[] all = Ipv4ReassemblyTest.data(32);
        b.inject(eth0, Ipv6ReassemblyTest.fragment(B, 5, IpProtocol.UDP, 0, 16, true, 0, all));
        net.run(60_000_000_000L);
        byte[] e = eth0.last();
        assertThat(e[40]).isEqualTo((byte) Icmpv6Packet.TIME_EXCEEDED);
        assertThat(e[41]).isEqualTo((byte) Icmpv6Packet.EXCEEDED_REASSEMBLY);
        assertThat(Checksum.fold(Checksum.add(Checksum.pseudoHeaderV6(Bytes.i64(e, 8), Bytes.i64(e, 16), Bytes.i64(e, 24),
                Bytes.i64(e, 32), IpProtocol.ICMPV6, e.length - 40), e, 40, e.length - 40))).isEqualTo(0xffff);
    }

    static byte[] fragHeader(int next, int offset, boolean more, int id) {
        byte[] f = new byte[8];
        new Ipv6FragmentHeader(next, offset / 8, more, id).emit(f, 0);
        return f;
    }
}
