package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.Octets;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IPv4 receive on one host (10.0.0.2/24 on eth0), each validation rule with its RFC and counter,
 * local delivery, and the echo reply against Linux's.
 */
class Ipv4InputTest {
    private final IpTestNet net = new IpTestNet();
    private final IpTestNet.Host b = net.host("b");
    private final IpTestNet.Dev eth0 = b.dev("eth0");
    private final List<SkBuff> delivered = new ArrayList<>();

    Ipv4InputTest() {
        b.ip("addr add 10.0.0.2/24 dev eth0");
        b.ip.v4().register(IpProtocol.UDP, new IpProtocolHandler() {
            @Override
            public void rcv(SkBuff skb) {
                delivered.add(skb);
            }
        });
    }

    @AfterEach
    void nothingLeaks() {
        delivered.forEach(SkBuff::consume);
        net.assertNoLeaks();
    }

    static byte[] udp(int src, int dst, int ttl, int payload) {
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(src), new Ipv4Address(dst), IpProtocol.UDP, ttl, 8 + payload);
        byte[] p = new byte[r.bufferLength()];
        r.emit(p, 0);
        Bytes.put16(p, 20, 40000);
        Bytes.put16(p, 22, 9);
        Bytes.put16(p, 24, 8 + payload);
        return p;
    }

    static final int A = 0x0a00_0001;
    static final int B = 0x0a00_0002;

    @Test
    void echoRequestIsAnsweredAsLinuxAnswersIt() {
        byte[] req = LinuxPackets.l3("/captures/ipv4-ping.pcap", 3);
        byte[] linux = LinuxPackets.l3("/captures/ipv4-ping.pcap", 4);
        b.inject(eth0, req);
        net.run(10_000);
        assertThat(eth0.sent).hasSize(1);
        byte[] reply = eth0.last();
        assertThat(reply).hasSize(84);
        // Identification (bytes 4-5) is this host's choice, and the header checksum with it.
        byte[] ours = reply.clone();
        byte[] theirs = Arrays.copyOf(linux, 84);
        for (int i : new int[] {4, 5, 10, 11}) {
            ours[i] = 0;
            theirs[i] = 0;
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(Checksum.verifies(reply, 0, 20)).isTrue();
        assertThat(b.mib(Mib.IcmpInEchos)).isEqualTo(1);
        assertThat(b.mib(Mib.IcmpOutEchoReps)).isEqualTo(1);
        assertThat(b.mib(Mib.IpInDelivers)).isEqualTo(1);
        assertThat(b.mib(Mib.IpOutRequests)).isEqualTo(1);
    }

    @Test
    void icmpEchoIgnoreAllSilencesEchoReplies() {
        b.sysctl("net.ipv4.icmp_echo_ignore_all", "1");
        b.inject(eth0, LinuxPackets.l3("/captures/ipv4-ping.pcap", 3));
        net.run(10_000);
        assertThat(eth0.sent).isEmpty();
        assertThat(b.mib(Mib.IcmpInEchos)).isEqualTo(1);
    }

    @Test
    void aDatagramForThisHostReachesItsProtocolWithTheHeaderPulled() {
        b.inject(eth0, udp(A, B, 64, 4));
        assertThat(delivered).hasSize(1);
        SkBuff skb = delivered.get(0);
        assertThat(skb.data()).isEqualTo(skb.transportHeader());
        assertThat(skb.data() - skb.networkHeader()).isEqualTo(20);
        assertThat(skb.len()).isEqualTo(12);
        assertThat(b.mib(Mib.IpInReceives)).isEqualTo(1);
        assertThat(b.mib(Mib.IpInDelivers)).isEqualTo(1);
    }

    @Test
    void linkLayerPaddingIsTrimmedToTheTotalLength() {
        byte[] p = Arrays.copyOf(udp(A, B, 64, 4), 46); // an Ethernet minimum frame's padding
        b.inject(eth0, p);
        assertThat(delivered.get(0).len()).isEqualTo(12);
    }

    @Test
    void aFrameForAnotherHostIsDroppedFirstRfc1122Section3_2_1() {
        b.inject(eth0, udp(A, B, 64, 4), SkBuff.PACKET_OTHERHOST);
        assertThat(b.drops(DropReason.OTHERHOST)).isEqualTo(1);
        assertThat(b.mib(Mib.IpInReceives)).as("not counted as received").isZero();
    }

    @Test
    void tooShortBadVersionAndShortIhlAreHeaderErrorsRfc1122Section3_2_1_1() {
        byte[] shortPkt = Arrays.copyOf(udp(A, B, 64, 4), 19);
        byte[] v5 = udp(A, B, 64, 4);
        v5[0] = 0x55;
        byte[] ihl4 = udp(A, B, 64, 4);
        ihl4[0] = 0x44;
        for (byte[] p : new byte[][] {shortPkt, v5, ihl4}) {
            b.inject(eth0, p);
        }
        assertThat(b.mib(Mib.IpInHdrErrors)).isEqualTo(3);
        assertThat(b.drops(DropReason.IP_INHDR)).isEqualTo(3);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aBadHeaderChecksumIsSilentlyDiscardedRfc1122Section3_2_1_2() {
        byte[] p = udp(A, B, 64, 4);
        p[10] ^= 1;
        b.inject(eth0, p);
        assertThat(b.mib(Mib.IpInHdrErrors)).isEqualTo(1);
        assertThat(b.mib(Mib.IpExtInCsumErrors)).isEqualTo(1);
        assertThat(b.drops(DropReason.IP_CSUM)).isEqualTo(1);
        assertThat(eth0.sent).as("no ICMP").isEmpty();
    }

    @Test
    void fewerBytesThanTheTotalLengthIsATruncatedPacketRfc1812Section5_2_2() {
        byte[] p = Arrays.copyOf(udp(A, B, 64, 40), 40);
        b.inject(eth0, p);
        assertThat(b.mib(Mib.IpExtInTruncatedPkts)).isEqualTo(1);
        assertThat(b.mib(Mib.IpInHdrErrors)).isZero();
        assertThat(b.drops(DropReason.PKT_TOO_SMALL)).isEqualTo(1);
    }

    @Test
    void aTotalLengthBelowTheHeaderLengthIsAHeaderErrorRfc1812Section5_2_2() {
        byte[] p = udp(A, B, 64, 4);
        Bytes.put16(p, 2, 19);
        Bytes.put16(p, 10, 0);
        Bytes.put16(p, 10, Checksum.internet(p, 0, 20));
        b.inject(eth0, p);
        assertThat(b.mib(Mib.IpInHdrErrors)).isEqualTo(1);
        assertThat(b.drops(DropReason.IP_INHDR)).isEqualTo(1);
    }

    @Test
    void martianSourcesAreDroppedRfc1812Section5_3_7() {
        for (int src : new int[] {0xe000_0005, -1, 0x7f00_0001, 0x0000_0005}) {
            b.inject(eth0, udp(src, B, 64, 4));
        }
        assertThat(delivered).isEmpty();
        assertThat(b.drops(DropReason.IP_INVALID_SOURCE)).isEqualTo(4);
        assertThat(eth0.sent).isEmpty();
    }

    @Test
    void aHostDropsADatagramForAnotherAddressAsAnAddressErrorRfc1122Section3_2_1_3() {
        b.ip("route add default via 10.0.0.1");
        b.inject(eth0, udp(A, 0x0a00_0063, 64, 4));
        assertThat(b.mib(Mib.IpInAddrErrors)).isEqualTo(1);
        assertThat(b.drops(DropReason.IP_INADDRERRORS)).isEqualTo(1);
        assertThat(eth0.sent).as("a host sends no redirect or unreachable").isEmpty();
    }

    @Test
    void anUnknownProtocolAnswersProtocolUnreachableRfc1122Section3_2_2_1() {
        byte[] p = udp(A, B, 64, 4);
        p[9] = (byte) 253;
        Bytes.put16(p, 10, 0);
        Bytes.put16(p, 10, Checksum.internet(p, 0, 20));
        b.inject(eth0, p);
        net.run(10_000);
        assertThat(b.mib(Mib.IpInUnknownProtos)).isEqualTo(1);
        assertThat(b.drops(DropReason.IP_NOPROTO)).isEqualTo(1);
        assertThat(eth0.sent).hasSize(1);
        byte[] err = eth0.last();
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(err, 0, err.length)).isEqualTo(WireError.OK);
        assertThat(ip.src()).isEqualTo(B);
        assertThat(ip.dst()).isEqualTo(A);
        assertThat(ip.tos()).isEqualTo(0xc0);
        Icmpv4Packet icmp = new Icmpv4Packet();
        assertThat(icmp.wrap(err, 20, err.length - 20)).isEqualTo(WireError.OK);
        assertThat(icmp.type()).isEqualTo(Icmpv4Packet.DEST_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(Icmpv4Packet.UNREACH_PROTOCOL);
        assertThat(Arrays.copyOfRange(err, 28, err.length)).as("quotes the whole datagram").isEqualTo(p);
        assertThat(b.mib(Mib.IcmpOutDestUnreachs)).isEqualTo(1);
    }

    @Test
    void aMalformedOptionAnswersParameterProblemPointingAtItAsLinux() {
        byte[] bad = LinuxPackets.icmpCapture("paramprob4", 2);
        byte[] linux = LinuxPackets.icmpCapture("paramprob4", 3);
        IpTestNet.Host r = net.host("r");
        IpTestNet.Dev rEth = r.dev("eth0");
        r.ip("addr add 10.0.1.254/24 dev eth0");
        r.inject(rEth, bad);
        net.run(10_000);
        assertThat(r.mib(Mib.IpInHdrErrors)).isEqualTo(1);
        assertThat(rEth.sent).hasSize(1);
        byte[] ours = rEth.last();
        assertThat(Arrays.copyOfRange(ours, 20, ours.length)).isEqualTo(Arrays.copyOfRange(linux, 20, Bytes.u16(linux, 2)));
        assertThat(Arrays.copyOfRange(ours, 12, 20)).isEqualTo(Arrays.copyOfRange(linux, 12, 20));
    }

    @Test
    void recordRouteIsFilledInOnReceiptRfc791() {
        // A Record Route option with room for two addresses: this host records its own.
        byte[] opts = {7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(A), new Ipv4Address(B), IpProtocol.UDP, 64, 0, 0, 1, false, false, 0,
                Octets.copyOf(opts), 8);
        byte[] p = new byte[r.bufferLength()];
        r.emit(p, 0);
        b.inject(eth0, p);
        SkBuff skb = delivered.get(0);
        byte[] bb = skb.buf();
        int nh = skb.networkHeader();
        assertThat(Bytes.i32(bb, nh + 23)).isEqualTo(B);
        assertThat(bb[nh + 22]).as("pointer advanced").isEqualTo((byte) 8);
        assertThat(Checksum.verifies(bb, nh, 32)).isTrue();
    }

    @Test
    void aSourceRoutedDatagramIsDroppedUnlessAcceptSourceRouteAllowsIt() {
        byte[] opts = {(byte) 131, 7, 4, 10, 0, 0, 9, 0};
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(A), new Ipv4Address(B), IpProtocol.UDP, 64, 0, 0, 1, false, false, 0,
                Octets.copyOf(opts), 8);
        byte[] p = new byte[r.bufferLength()];
        r.emit(p, 0);
        b.inject(eth0, p);
        assertThat(delivered).isEmpty();
        assertThat(b.drops(DropReason.NOT_SPECIFIED)).isEqualTo(1);
    }

    @Test
    void fragmentsAreReassembledBeforeDelivery() {
        byte[] all = Ipv4ReassemblyTest.data(64);
        b.inject(eth0, udpFragment(0, 32, true, all));
        assertThat(delivered).isEmpty();
        b.inject(eth0, udpFragment(32, 32, false, all));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).len()).isEqualTo(64);
        assertThat(b.mib(Mib.IpReasmOKs)).isEqualTo(1);
        assertThat(b.mib(Mib.IpInDelivers)).isEqualTo(1);
    }

    private static byte[] udpFragment(int offset, int len, boolean mf, byte[] all) {
        return Ipv4ReassemblyTest.fragment(A, 77, IpProtocol.UDP, 0, false, offset, len, mf, all);
    }

    @Test
    void aReassemblyTimeoutAnswersTimeExceededCode1FromTheDestination() {
        byte[] all = Ipv4ReassemblyTest.data(64);
        b.inject(eth0, udpFragment(0, 32, true, all));
        net.run(30_000_000_000L);
        assertThat(eth0.sent).hasSize(1);
        byte[] err = eth0.last();
        assertThat(err[20]).isEqualTo((byte) Icmpv4Packet.TIME_EXCEEDED);
        assertThat(err[21]).isEqualTo((byte) Icmpv4Packet.EXCEEDED_REASSEMBLY);
        assertThat(Bytes.i32(err, 12)).isEqualTo(B);
    }

    @Test
    void anEchoToTheBroadcastAddressIsIgnoredUnlessAllowedRfc1122Section3_2_2_6() {
        byte[] req = LinuxPackets.l3("/captures/ipv4-ping.pcap", 3).clone();
        req = Arrays.copyOf(req, 84);
        Bytes.put32(req, 16, 0x0a00_00ff);
        Bytes.put16(req, 10, 0);
        Bytes.put16(req, 10, Checksum.internet(req, 0, 20));
        b.inject(eth0, req, SkBuff.PACKET_BROADCAST);
        net.run(10_000);
        assertThat(eth0.sent).isEmpty();
        assertThat(b.drops(DropReason.INVALID_PROTO)).isEqualTo(1);
        assertThat(b.mib(Mib.IpExtInBcastPkts)).isEqualTo(1);
        b.sysctl("net.ipv4.icmp_echo_ignore_broadcasts", "0");
        b.inject(eth0, req, SkBuff.PACKET_BROADCAST);
        net.run(10_000);
        assertThat(eth0.sent).hasSize(1);
        assertThat(Bytes.i32(eth0.last(), 12)).as("from this host's address, not the broadcast").isEqualTo(B);
    }

    @Test
    void aBadIcmpChecksumIsDroppedRfc1122Section3_2_2() {
        byte[] req = Arrays.copyOf(LinuxPackets.l3("/captures/ipv4-ping.pcap", 3), 84);
        req[40] ^= 1;
        b.inject(eth0, req);
        assertThat(b.mib(Mib.IcmpInCsumErrors)).isEqualTo(1);
        assertThat(b.mib(Mib.IcmpInErrors)).isEqualTo(1);
        assertThat(b.drops(DropReason.ICMP_CSUM)).isEqualTo(1);
        assertThat(eth0.sent).isEmpty();
    }

    @Test
    void aTimestampOptionGetsThisHostsTimeRfc791() {
        // Internet Timestamp, flag 0 (timestamps only), room for two.
        byte[] opts = {68, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(A), new Ipv4Address(B), IpProtocol.UDP, 64, 0, 0, 1, false, false, 0,
                Octets.copyOf(opts), 8);
        byte[] p = new byte[r.bufferLength()];
        r.emit(p, 0);
        net.run(3_600_000_000_000L + 1_234_000_000L); // 01:00:01.234 UT
        b.inject(eth0, p);
        SkBuff skb = delivered.get(0);
        int nh = skb.networkHeader();
        assertThat(Bytes.i32(skb.buf(), nh + 24)).isEqualTo(3_601_234);
        assertThat(skb.buf()[nh + 22]).isEqualTo((byte) 9);
    }

    @Test
    void aFullTimestampOptionCountsItsOverflowAndOneOverflowingTooFarIsAParameterProblem() {
        byte[] opts = {68, 8, 9, 0x10, 0, 0, 0, 0};
        Ipv4Repr r = new Ipv4Repr(new Ipv4Address(A), new Ipv4Address(B), IpProtocol.UDP, 64, 0, 0, 1, false, false, 0,
                Octets.copyOf(opts), 8);
        byte[] p = new byte[r.bufferLength()];
        r.emit(p, 0);
        b.inject(eth0, p);
        assertThat(delivered.get(0).buf()[delivered.get(0).networkHeader() + 23]).isEqualTo((byte) 0x20);
        opts[3] = (byte) 0xf0;
        r = new Ipv4Repr(new Ipv4Address(A), new Ipv4Address(B), IpProtocol.UDP, 64, 0, 0, 1, false, false, 0, Octets.copyOf(opts), 8);
        r.emit(p, 0);
        b.inject(eth0, p);
        net.run(10_000);
        assertThat(eth0.last()[20]).isEqualTo((byte) Icmpv4Packet.PARAMETER_PROBLEM);
        assertThat(eth0.last()[24] & 0xff).as("the overflow octet").isEqualTo(23);
    }

    @Test
    void aDatagramTheDeviceQueueRefusesIsAnOutputDiscard() {
        eth0.refuse = true;
        SkBuff skb = b.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        skb.put(12);
        assertThat(b.ip.v4().send(skb, 0, A, IpProtocol.UDP)).isEqualTo(-Ipv4.ENOBUFS);
        assertThat(b.mib(Mib.IpOutDiscards)).isEqualTo(1);
        assertThat(b.mib(Mib.IpOutRequests)).isEqualTo(1);
    }

    @Test
    void withoutARouteASendFailsAndCountsOutNoRoutes() {
        SkBuff skb = b.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        skb.put(12);
        assertThat(b.ip.v4().send(skb, 0, 0x0b00_0001, IpProtocol.UDP)).isEqualTo(-dev.weir.route.Errno.ENETUNREACH);
        assertThat(b.mib(Mib.IpOutNoRoutes)).isEqualTo(1);
        assertThat(b.drops(DropReason.IP_OUTNOROUTES)).isEqualTo(1);
    }

    @Test
    void sentDatagramsCarryLinuxsDefaults() {
        SkBuff skb = b.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        skb.put(12);
        assertThat(b.ip.v4().send(skb, 0, A, IpProtocol.UDP)).isZero();
        byte[] p = eth0.last();
        assertThat(p[8] & 0xff).as("ip_default_ttl").isEqualTo(64);
        assertThat(Bytes.u16(p, 6)).as("DF: ip_no_pmtu_disc 0").isEqualTo(0x4000);
        assertThat(Bytes.i32(p, 12)).as("source chosen by routing").isEqualTo(B);
        assertThat(Checksum.verifies(p, 0, 20)).isTrue();
        b.sysctl("net.ipv4.ip_no_pmtu_disc", "1");
        b.sysctl("net.ipv4.ip_default_ttl", "33");
        skb = b.ns.pool().alloc(12, SkBuff.MAX_HEADER);
        skb.put(12);
        b.ip.v4().send(skb, 0, A, IpProtocol.UDP);
        p = eth0.last();
        assertThat(p[8] & 0xff).isEqualTo(33);
        assertThat(Bytes.u16(p, 6)).isZero();
        assertThat(Bytes.u16(p, 4)).as("an identification when it may be fragmented").isNotZero();
    }
}
