package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.skb.SkBuff;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ICMP errors and echo replies built by Weir against the ones Linux 6.18 sent for the same
 * packets (dev/weir/ip/linux, captures/ipv4-ping.pcap, captures/ipv6-ping.pcap): the ICMP
 * message byte for byte; and the rules on when an error may be sent (RFC 1122 section 3.2.2,
 * RFC 4443 section 2.4 (e)).
 */
class IcmpMessagesTest {
    private final FragTestHost h = new FragTestHost();
    private final IcmpMessages icmp = new IcmpMessages(h.net.pool());

    @AfterEach
    void nothingLeaks() {
        h.net.pool().assertNoLeaks();
    }

    private static byte[] icmpPart(byte[] packet, int ipHeaderLen, int totalLen) {
        return Arrays.copyOfRange(packet, ipHeaderLen, totalLen);
    }

    /** The v4 error Weir builds about frame {@code in} of capture {@code name}, next to Linux's in frame {@code reply}. */
    private void sameAsLinux4(String name, int in, int reply, int type, int code, int rest) {
        SkBuff skb = h.v4(LinuxPackets.icmpCapture(name, in));
        int q = IcmpMessages.quoteLength4(skb, 1500, 0);
        SkBuff err = icmp.error4(skb, type, code, rest, q);
        byte[] linux = LinuxPackets.icmpCapture(name, reply);
        assertThat(err.toByteArray()).as(name).isEqualTo(icmpPart(linux, 20, Bytes.u16(linux, 2)));
        err.consume();
        skb.consume();
    }

    @Test
    void timeExceededInTransitAsLinux() {
        sameAsLinux4("ttl4", 1, 2, Icmpv4Packet.TIME_EXCEEDED, Icmpv4Packet.EXCEEDED_TTL, 0);
    }

    @Test
    void fragmentationNeededQuotesAsMuchAsFitsIn576BytesAsLinux() {
        sameAsLinux4("fragneeded4", 1, 2, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_FRAG_NEEDED, 1280);
    }

    @Test
    void portUnreachableAsLinux() {
        sameAsLinux4("portunr4", 1, 2, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_PORT, 0);
    }

    @Test
    void parameterProblemPointingAtTheBadOptionAsLinux() {
        sameAsLinux4("paramprob4", 2, 3, Icmpv4Packet.PARAMETER_PROBLEM, 0, 22 << 24);
    }

    private void sameAsLinux6(String name, int in, int reply, int type, int code, int info) {
        SkBuff skb = h.v6(LinuxPackets.icmpCapture(name, in));
        byte[] linux = LinuxPackets.icmpCapture(name, reply);
        SkBuff err = icmp.error6(skb, type, code, info, IcmpMessages.quoteLength6(skb));
        IcmpMessages.fillChecksum6(err, Bytes.i64(linux, 8), Bytes.i64(linux, 16), Bytes.i64(linux, 24), Bytes.i64(linux, 32));
        assertThat(err.toByteArray()).as(name).isEqualTo(icmpPart(linux, 40, 40 + Bytes.u16(linux, 4)));
        err.consume();
        skb.consume();
    }

    @Test
    void packetTooBigQuotesUpTo1280BytesAsLinux() {
        sameAsLinux6("ptb6", 1, 2, Icmpv6Packet.PACKET_TOO_BIG, 0, 1280);
    }

    @Test
    void hopLimitExceededAsLinux() {
        sameAsLinux6("hoplimit6", 1, 2, Icmpv6Packet.TIME_EXCEEDED, Icmpv6Packet.EXCEEDED_HOP_LIMIT, 0);
    }

    @Test
    void ipv6PortUnreachableAsLinux() {
        sameAsLinux6("portunr6", 1, 2, Icmpv6Packet.DEST_UNREACHABLE, Icmpv6Packet.UNREACH_PORT, 0);
    }

    @Test
    void unknownNextHeaderParameterProblemAsLinux() {
        sameAsLinux6("paramprob6", 1, 2, Icmpv6Packet.PARAMETER_PROBLEM, Icmpv6Packet.PARAMPROB_UNKNOWN_NEXT_HEADER, 6);
    }

    @Test
    void echoRepliesAsLinux() {
        byte[] req = LinuxPackets.l3("/captures/ipv4-ping.pcap", 3);
        byte[] rep = LinuxPackets.l3("/captures/ipv4-ping.pcap", 4);
        SkBuff in = h.v4(req);
        in.pull(20);
        SkBuff r = icmp.echoReply(in, Icmpv4Packet.ECHO_REPLY, true);
        assertThat(r.toByteArray()).isEqualTo(icmpPart(rep, 20, 84));
        r.consume();
        in.consume();

        byte[] req6 = LinuxPackets.l3("/captures/ipv6-ping.pcap", 3);
        byte[] rep6 = LinuxPackets.l3("/captures/ipv6-ping.pcap", 4);
        SkBuff in6 = h.v6(req6);
        in6.pull(40);
        SkBuff r6 = icmp.echoReply(in6, Icmpv6Packet.ECHO_REPLY, false);
        IcmpMessages.fillChecksum6(r6, Bytes.i64(rep6, 8), Bytes.i64(rep6, 16), Bytes.i64(rep6, 24), Bytes.i64(rep6, 32));
        assertThat(r6.toByteArray()).isEqualTo(icmpPart(rep6, 40, 40 + 64));
        r6.consume();
        in6.consume();
    }

    // ---- when an error may be sent ----

    private boolean allowed4(byte[] packet, int type, int pktType) {
        SkBuff skb = h.v4(packet);
        skb.setPktType(pktType);
        boolean ok = icmp.errorAllowed4(skb, type);
        skb.consume();
        return ok;
    }

    @Test
    void ipv4ErrorsAnswerNeitherErrorsNorLaterFragmentsNorBroadcastFramesNorOddSources() {
        byte[] echo = LinuxPackets.icmpCapture("ttl4", 1);
        byte[] error = LinuxPackets.icmpCapture("ttl4", 2);
        assertThat(allowed4(echo, Icmpv4Packet.TIME_EXCEEDED, SkBuff.PACKET_HOST)).isTrue();
        assertThat(allowed4(error, Icmpv4Packet.DEST_UNREACHABLE, SkBuff.PACKET_HOST)).as("never about an ICMP error").isFalse();
        assertThat(allowed4(error, Icmpv4Packet.ECHO_REPLY, SkBuff.PACKET_HOST)).as("the rule is for errors only").isTrue();
        assertThat(allowed4(echo, Icmpv4Packet.TIME_EXCEEDED, SkBuff.PACKET_BROADCAST)).as("link-layer broadcast").isFalse();
        assertThat(allowed4(echo, Icmpv4Packet.TIME_EXCEEDED, SkBuff.PACKET_MULTICAST)).isFalse();

        byte[] later = LinuxPackets.l3("/captures/ipv4-frag-ping.pcap", 2);
        byte[] first = LinuxPackets.l3("/captures/ipv4-frag-ping.pcap", 1);
        assertThat(allowed4(later, Icmpv4Packet.TIME_EXCEEDED, SkBuff.PACKET_HOST)).as("only fragment 0").isFalse();
        assertThat(allowed4(first, Icmpv4Packet.TIME_EXCEEDED, SkBuff.PACKET_HOST)).isTrue();

        for (int src : new int[] {0, -1, 0xe000_0001}) {
            byte[] p = echo.clone();
            Bytes.put32(p, 12, src);
            assertThat(allowed4(p, Icmpv4Packet.DEST_UNREACHABLE, SkBuff.PACKET_HOST)).as("source %08x", src).isFalse();
        }
        byte[] unknownType = error.clone();
        unknownType[20] = 42;
        assertThat(allowed4(unknownType, Icmpv4Packet.DEST_UNREACHABLE, SkBuff.PACKET_HOST))
                .as("an unknown ICMP type counts as an error").isFalse();
    }

    private boolean allowed6(byte[] packet, int type, int code, int info) {
        SkBuff skb = h.v6(packet);
        skb.setPktType(SkBuff.PACKET_HOST);
        boolean ok = icmp.errorAllowed6(skb, type, code, info);
        skb.consume();
        return ok;
    }

    @Test
    void ipv6ErrorsFollowRfc4443Section24e() {
        byte[] echo = LinuxPackets.icmpCapture("hoplimit6", 1);
        byte[] error = LinuxPackets.icmpCapture("hoplimit6", 2);
        assertThat(allowed6(echo, Icmpv6Packet.TIME_EXCEEDED, 0, 0)).isTrue();
        assertThat(allowed6(error, Icmpv6Packet.DEST_UNREACHABLE, 0, 0)).as("(e.1) not about an ICMPv6 error").isFalse();

        byte[] mcast = echo.clone();
        mcast[24] = (byte) 0xff;
        assertThat(allowed6(mcast, Icmpv6Packet.TIME_EXCEEDED, 0, 0)).as("(e.3) not to a multicast destination").isFalse();
        assertThat(allowed6(mcast, Icmpv6Packet.PACKET_TOO_BIG, 0, 1280)).as("(e.3) exception: packet too big").isTrue();

        byte[] unspecified = echo.clone();
        Arrays.fill(unspecified, 8, 24, (byte) 0);
        assertThat(allowed6(unspecified, Icmpv6Packet.PACKET_TOO_BIG, 0, 1280)).as("(e.6) unspecified source").isFalse();
        byte[] mcastSrc = echo.clone();
        mcastSrc[8] = (byte) 0xff;
        assertThat(allowed6(mcastSrc, Icmpv6Packet.PACKET_TOO_BIG, 0, 1280)).as("(e.6) multicast source").isFalse();

        byte[] later = LinuxPackets.l3("/captures/ipv6-frag-ping.pcap", 2);
        assertThat(allowed6(later, Icmpv6Packet.TIME_EXCEEDED, 0, 0)).as("Linux answers later fragments too").isTrue();
    }

    @Test
    void aMulticastPacketWithAnUnknownOptionOfAction10StillGetsAParameterProblem() {
        // Destination options with an unknown option type 0x80 (action 10: discard, send ICMP even to multicast).
        byte[] p = new byte[40 + 8];
        new dev.weir.api.wire.Ipv6Repr(dev.weir.api.wire.Ipv6Address.parse("fd00::1"), dev.weir.api.wire.Ipv6Address.parse("ff02::1"),
                dev.weir.api.wire.IpProtocol.DSTOPTS, 8, 64).emit(p, 0);
        p[40] = (byte) dev.weir.api.wire.IpProtocol.NONE;
        p[41] = 0;
        p[42] = (byte) 0x80;
        p[43] = 4;
        assertThat(allowed6(p, Icmpv6Packet.PARAMETER_PROBLEM, Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION, 42)).isTrue();
        p[42] = (byte) 0xc0; // action 11: not for multicast destinations
        assertThat(allowed6(p, Icmpv6Packet.PARAMETER_PROBLEM, Icmpv6Packet.PARAMPROB_UNKNOWN_OPTION, 42)).isFalse();
    }

    @Test
    void theQuoteShrinksWithTheMtuAndATinyMtuSendsNothing() {
        SkBuff skb = h.v4(LinuxPackets.icmpCapture("fragneeded4", 1));
        assertThat(IcmpMessages.quoteLength4(skb, 1500, 0)).isEqualTo(548);
        assertThat(IcmpMessages.quoteLength4(skb, 300, 0)).isEqualTo(272);
        assertThat(IcmpMessages.quoteLength4(skb, 576, 8)).isEqualTo(540);
        assertThat(IcmpMessages.quoteLength4(skb, 48, 0)).as("20 bytes: only a header's worth").isEqualTo(-1);
        skb.consume();
    }
}
