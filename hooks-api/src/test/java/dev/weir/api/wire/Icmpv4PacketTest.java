package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Icmpv4PacketTest {
    /** The ICMP message of a Linux IPv4 packet (its IP header has no options). */
    private static byte[] icmp(String capture, int frame) {
        byte[] ip = LinuxCaptures.l3(capture, frame);
        return Arrays.copyOfRange(ip, 20, ip.length);
    }

    static List<byte[]> linuxIcmpMessages() {
        List<byte[]> out = new ArrayList<>();
        out.add(icmp("arp", 3));
        out.add(icmp("arp", 4));
        out.add(icmp("portunr4", 2));
        out.add(icmp("fragneeded4", 2));
        out.add(icmp("ttl4", 2));
        out.add(icmp("redirect4", 2));
        out.add(icmp("paramprob4", 3));
        return out;
    }

    private static Icmpv4Packet wrapped(byte[] b) {
        Icmpv4Packet p = new Icmpv4Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        return p;
    }

    private static byte[] emit(Icmpv4Repr r) {
        byte[] b = new byte[r.bufferLength()];
        assertThat(r.emit(b, 0)).isEqualTo(b.length);
        return b;
    }

    /** The capture parses to {@code expected}, and {@code expected} emits the capture, checksum included. */
    private static void golden(byte[] msg, Icmpv4Repr expected) {
        Icmpv4Packet p = wrapped(msg);
        assertThat(Icmpv4Repr.parse(p)).isEqualTo(expected);
        assertThat(emit(expected)).isEqualTo(msg);
    }

    private static final Octets PING_DATA = Octets.copyOf(icmp("arp", 3), 8, 56);

    @Test
    void linuxEchoRequestAndReply() {
        byte[] req = icmp("arp", 3);
        Icmpv4Packet p = wrapped(req);
        assertThat(p.type()).isEqualTo(Icmpv4Packet.ECHO_REQUEST);
        assertThat(p.echoIdentifier()).isEqualTo(0x1ff2);
        assertThat(p.echoSequence()).isEqualTo(1);
        assertThat(p.dataLength()).isEqualTo(56);
        assertThat(p.isError()).isFalse();
        Icmpv4Repr.EchoRequest r = new Icmpv4Repr.EchoRequest(0x1ff2, 1, PING_DATA);
        golden(req, r);
        golden(icmp("arp", 4), r.reply());
    }

    @Test
    void settingTheTypeTurnsLinuxsRequestIntoLinuxsReplyInPlace() {
        byte[] b = icmp("arp", 3);
        wrapped(b).setType(Icmpv4Packet.ECHO_REPLY);
        assertThat(b).isEqualTo(icmp("arp", 4));
    }

    @Test
    void linuxPortUnreachableQuotesTheWholeSmallDatagram() {
        byte[] msg = icmp("portunr4", 2);
        byte[] probe = LinuxCaptures.l3("portunr4", 1);
        Icmpv4Packet p = wrapped(msg);
        assertThat(p.isError()).isTrue();
        assertThat(p.code()).isEqualTo(Icmpv4Packet.UNREACH_PORT);
        golden(msg, new Icmpv4Repr.DestinationUnreachable(Icmpv4Packet.UNREACH_PORT, 0, Octets.copyOf(probe)));
        Ipv4Packet quoted = new Ipv4Packet();
        assertThat(quoted.wrapQuoted(msg, p.dataOffset(), p.dataLength())).isEqualTo(WireError.OK);
        assertThat(quoted.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(Bytes.u16(msg, quoted.payloadOffset())).as("source port").isEqualTo(40000);
    }

    @Test
    void linuxFragmentationNeededCarriesTheNextHopMtuAsRfc1191() {
        byte[] msg = icmp("fragneeded4", 2);
        Icmpv4Packet p = wrapped(msg);
        assertThat(p.code()).isEqualTo(Icmpv4Packet.UNREACH_FRAG_NEEDED);
        assertThat(p.nextHopMtu()).isEqualTo(1280);
        assertThat(p.dataLength()).as("RFC 1812 4.3.2.3: 576 bytes in all").isEqualTo(576 - 20 - 8);
        golden(msg, Icmpv4Repr.DestinationUnreachable.fragmentationNeeded(1280, Octets.copyOf(msg, 8, msg.length - 8)));
    }

    @Test
    void linuxTimeExceeded() {
        byte[] msg = icmp("ttl4", 2);
        golden(msg, new Icmpv4Repr.TimeExceeded(Icmpv4Packet.EXCEEDED_TTL, Octets.copyOf(LinuxCaptures.l3("ttl4", 1))));
    }

    @Test
    void linuxHostRedirect() {
        byte[] msg = icmp("redirect4", 2);
        Icmpv4Packet p = wrapped(msg);
        assertThat(new Ipv4Address(p.gateway())).isEqualTo(Ipv4Address.parse("10.0.1.2"));
        // Linux's ip_forward decrements the TTL before ip_rt_send_redirect, so the quote is the forwarded
        // datagram (TTL 63), not the one A sent.
        golden(msg, new Icmpv4Repr.Redirect(Icmpv4Packet.REDIRECT_HOST, Ipv4Address.parse("10.0.1.2"),
                Octets.copyOf(LinuxCaptures.l3("redirect4", 4))));
    }

    @Test
    void linuxParameterProblemPointsAtTheBadOptionLength() {
        byte[] msg = icmp("paramprob4", 3);
        Icmpv4Packet p = wrapped(msg);
        assertThat(p.pointer()).isEqualTo(22);
        golden(msg, new Icmpv4Repr.ParameterProblem(Icmpv4Packet.PARAMPROB_POINTER, 22,
                Octets.copyOf(LinuxCaptures.l3("paramprob4", 2))));
    }

    @Test
    void oddLengthMessageChecksumPadsWithZeroAsRfc1071() {
        // Checksum computed independently (python3, RFC 1071): 08 00 .... 1234 0001 61 62 63 -> 0x2168.
        byte[] b = emit(new Icmpv4Repr.EchoRequest(0x1234, 1, Octets.fromHex("616263")));
        assertThat(Bytes.hex(b, 0, b.length)).isEqualTo("08002168123400016162" + "63");
        assertThat(wrapped(b).checksum()).isEqualTo(0x2168);
    }

    @Test
    void messageShorterThanItsHeaderIsTruncated() {
        // RFC 792: every message starts with type, code, checksum and 4 more bytes; Linux's icmp_rcv pulls those 8.
        assertThat(new Icmpv4Packet().wrap(icmp("arp", 3), 0, 7)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void badChecksumIsRefusedAsLinuxIcmpRcvCountsCsumErrors() {
        // RFC 792: the checksum covers the whole ICMP message; Linux's icmp_rcv drops a mismatch.
        byte[] b = icmp("arp", 3);
        b[b.length - 1] ^= 1;
        Icmpv4Packet p = new Icmpv4Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.BAD_CHECKSUM);
        assertThat(p.wrapNoChecksum(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(p.checksumValid()).isFalse();
        p.fillChecksum();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
    }

    @Test
    void bytesNoSpecificRecordCanHoldParseAsOtherAndEmitUnchanged() {
        // Echo with code 1; unreachable with an RFC 4884 length; time exceeded and parameter problem with
        // unused bits set; timestamp request (13) and source quench (4, RFC 6633) are not parsed further.
        String[] cases = {
            "0801 0000 1234 0001 aa",
            "0303 0000 0011 0000 4500",
            "0b00 0000 0000 0001 4500",
            "0c00 0000 1600 0001 4500",
            "0d00 0000 1234 0001 0000000000000000 0000000000000000 00000000",
            "0400 0000 0000 0000 4500",
        };
        for (String hex : cases) {
            byte[] b = Bytes.fromHex(hex);
            Icmpv4Packet p = new Icmpv4Packet();
            assertThat(p.wrapNoChecksum(b, 0, b.length)).isEqualTo(WireError.OK);
            p.fillChecksum();
            Icmpv4Repr r = Icmpv4Repr.parse(p);
            assertThat(r).as(hex).isInstanceOf(Icmpv4Repr.Other.class);
            assertThat(emit(r)).as(hex).isEqualTo(b);
        }
    }

    @Test
    void natRewritingTheEchoIdentifierKeepsTheChecksum() {
        byte[] b = icmp("arp", 3);
        Icmpv4Packet p = wrapped(b);
        p.setEchoIdentifier(0x4242);
        p.setEchoSequence(7);
        p.setCode(0);
        p.setRestOfHeader(0x42420007);
        assertThat(p.checksumValid()).isTrue();
        assertThat(Icmpv4Repr.parse(p)).isEqualTo(new Icmpv4Repr.EchoRequest(0x4242, 7, PING_DATA));
        assertThatThrownBy(() -> p.setEchoIdentifier(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsRefuseOutOfRangeFields() {
        assertThatThrownBy(() -> new Icmpv4Repr.EchoRequest(-1, 0, Octets.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Icmpv4Repr.DestinationUnreachable(3, 70000, Octets.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("next-hop MTU");
        assertThatThrownBy(() -> new Icmpv4Repr.ParameterProblem(0, 256, Octets.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 40) byte[] bytes, @ForAll int off, @ForAll int len) {
        Icmpv4Packet p = new Icmpv4Packet();
        p.wrap(bytes, off, len);
        if (p.wrap(bytes, 0, bytes.length) == WireError.OK) {
            Icmpv4Repr.parse(p);
        }
    }

    @Property
    void parseThenEmitGivesBackEveryWellFormedMessage(@ForAll @Size(min = 8, max = 64) byte[] bytes) {
        // Any type, code and rest-of-header: parse loses nothing.
        Icmpv4Packet p = new Icmpv4Packet();
        assertThat(p.wrapNoChecksum(bytes, 0, bytes.length)).isEqualTo(WireError.OK);
        p.fillChecksum();
        assertThat(emit(Icmpv4Repr.parse(p))).isEqualTo(bytes);
    }

    @Property
    void neverThrowsOnMutatedLinuxMessages(@ForAll long seed) {
        Icmpv4Packet p = new Icmpv4Packet();
        for (byte[] valid : linuxIcmpMessages()) {
            byte[] b = Mutations.mutate(valid, seed);
            if (p.wrap(b, 0, b.length) == WireError.OK) {
                byte[] out = emit(Icmpv4Repr.parse(p));
                assertThat(Checksum.verifies(out, 0, out.length)).isTrue();
                Bytes.put16(out, 2, p.checksum()); // 0x0000 and 0xffff both verify; emit writes the former
                assertThat(out).isEqualTo(b);
            }
        }
    }

    @Property
    void emitThenWrapThenParseRoundTrips(@ForAll("reprs") Icmpv4Repr r) {
        byte[] b = emit(r);
        Icmpv4Packet p = new Icmpv4Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(Icmpv4Repr.parse(p)).isEqualTo(r);
    }

    @Provide
    Arbitrary<Icmpv4Repr> reprs() {
        return reprArbitrary();
    }

    static Arbitrary<Icmpv4Repr> reprArbitrary() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<Octets> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Octets::copyOf);
        Set<Integer> specific = Set.of(0, 3, 5, 8, 11, 12);
        return Arbitraries.oneOf(
                Combinators.combine(u16, u16, data).as(Icmpv4Repr.EchoRequest::new),
                Combinators.combine(u16, u16, data).as(Icmpv4Repr.EchoReply::new),
                Combinators.combine(u8, u16, data).as(Icmpv4Repr.DestinationUnreachable::new),
                Combinators.combine(u8, data).as(Icmpv4Repr.TimeExceeded::new),
                Combinators.combine(u8, Arbitraries.integers().map(Ipv4Address::new), data).as(Icmpv4Repr.Redirect::new),
                Combinators.combine(u8, u8, data).as(Icmpv4Repr.ParameterProblem::new),
                Combinators.combine(u8.filter(t -> !specific.contains(t)), u8, Arbitraries.integers(), data)
                        .as(Icmpv4Repr.Other::new));
    }
}
