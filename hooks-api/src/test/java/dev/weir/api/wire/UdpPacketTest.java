package dev.weir.api.wire;

import static dev.weir.api.wire.TcpGolden.CLIENT;
import static dev.weir.api.wire.TcpGolden.CLIENT6;
import static dev.weir.api.wire.TcpGolden.SERVER;
import static dev.weir.api.wire.TcpGolden.SERVER6;
import static dev.weir.api.wire.TcpGolden.UDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UdpPacketTest {
    // Captured from Linux 6.18 alongside the TCP segments of TcpGolden (tx checksum offload off).
    /** 10.0.0.1.41000 > 10.0.0.2.53000: UDP, length 9 ("weir udp\n"), checksum 0x0cdb. */
    static final byte[] V4 = Bytes.fromHex("a028 cf08 0011 0cdb 77656972207564700a");
    /** fd00::1.41000 > fd00::2.53000: UDP, length 19 ("weir udp over ipv6\n"), checksum 0x3e29. */
    static final byte[] V6 = Bytes.fromHex("a028 cf08 001b 3e29 7765697220756470206f76657220697076360a");
    /**
     * Not captured: 10.0.0.1.41000 > 10.0.0.2.53000 with payload "weir" 9b c6, chosen (python3,
     * RFC 1071 sum) so the computed checksum is 0x0000, which RFC 768 sends as 0xffff.
     */
    static final byte[] SUMS_TO_ZERO = Bytes.fromHex("a028 cf08 000e 0000 77656972 9bc6");

    private final UdpPacket udp = new UdpPacket();

    private UdpPacket wrapped(byte[] b) {
        assertThat(udp.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        return udp;
    }

    private static long pseudoV4(int len) {
        return Checksum.pseudoHeaderV4(CLIENT, SERVER, UDP, len);
    }

    @Test
    void linuxDatagramOverIpv4() {
        UdpPacket p = wrapped(V4);
        assertThat(p.srcPort()).isEqualTo(41000);
        assertThat(p.dstPort()).isEqualTo(53000);
        assertThat(p.length()).isEqualTo(17);
        assertThat(p.checksum()).isEqualTo(0x0cdb);
        assertThat(new String(V4, p.payloadOffset(), p.payloadLength(), StandardCharsets.US_ASCII)).isEqualTo("weir udp\n");
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        assertThat(p.verifyChecksumV4(SERVER, CLIENT + 1)).isFalse();

        UdpRepr r = new UdpRepr(41000, 53000, 9);
        byte[] out = new byte[r.bufferLength()];
        System.arraycopy(V4, 8, out, 8, 9);
        r.emit(out, 0, pseudoV4(out.length), out, 8);
        assertThat(out).isEqualTo(V4);
        assertThat(UdpRepr.parse(p)).isEqualTo(new UdpRepr(41000, 53000, 0x0cdb, 9));
    }

    @Test
    void linuxDatagramOverIpv6() {
        UdpPacket p = wrapped(V6);
        assertThat(p.verifyChecksumV6(CLIENT6.hi(), CLIENT6.lo(), SERVER6.hi(), SERVER6.lo())).isTrue();
        byte[] copy = V6.clone();
        UdpPacket q = wrapped(copy);
        q.setChecksum(0x1111);
        q.fillChecksumV6(CLIENT6.hi(), CLIENT6.lo(), SERVER6.hi(), SERVER6.lo());
        assertThat(copy).isEqualTo(V6);
        UdpRepr r = UdpRepr.parse(q);
        byte[] out = new byte[r.headerLength()];
        r.emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOf(V6, 8));
    }

    @Test
    void rfc768ComputedZeroIsSentAsAllOnes() {
        // RFC 768: "If the computed checksum is zero, it is transmitted as all ones (the
        // equivalent in one's complement arithmetic)."
        byte[] b = SUMS_TO_ZERO.clone();
        UdpPacket p = wrapped(b);
        p.fillChecksumV4(CLIENT, SERVER);
        assertThat(p.checksum()).isEqualTo(0xffff);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        UdpRepr r = new UdpRepr(41000, 53000, 6);
        byte[] out = new byte[14];
        r.emit(out, 0, pseudoV4(14), SUMS_TO_ZERO, 8);
        assertThat(Bytes.u16(out, UdpPacket.CHECKSUM_OFFSET)).isEqualTo(0xffff);
    }

    @Test
    void rfc768ZeroChecksumOverIpv4MeansNone() {
        // RFC 768: "An all zero transmitted checksum value means that the transmitter generated
        // no checksum (for debugging or for higher level protocols that don't care)."
        byte[] b = V4.clone();
        UdpPacket p = wrapped(b);
        p.setChecksum(0);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        // ... and NAT leaves it zero, as Linux's udp_manip_pkt does.
        p.setSrcPort(1234);
        p.adjustChecksumForAddressV4(CLIENT, SERVER);
        assertThat(p.checksum()).isZero();
    }

    @Test
    void rfc8200Section8_1ZeroChecksumOverIpv6IsInvalid() {
        // RFC 8200 8.1: "IPv6 receivers must discard UDP packets containing a zero checksum".
        byte[] b = V6.clone();
        UdpPacket p = wrapped(b);
        p.setChecksum(0);
        assertThat(p.verifyChecksumV6(CLIENT6.hi(), CLIENT6.lo(), SERVER6.hi(), SERVER6.lo())).isFalse();
    }

    @Test
    void fewerThanEightBytesIsTruncated() {
        assertThat(udp.wrap(V4, 0, 7)).isEqualTo(WireError.TRUNCATED);
        assertThat(udp.wrap(V4, 10, 8)).isEqualTo(WireError.TRUNCATED);
        assertThat(udp.wrap(V4, -1, 8)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void rfc768LengthBelowEightIsBadLength() {
        // RFC 768: "This means the minimum value of the length is eight."
        byte[] b = V4.clone();
        Bytes.put16(b, UdpPacket.LENGTH_OFFSET, 7);
        assertThat(udp.wrap(b, 0, b.length)).isEqualTo(WireError.BAD_LENGTH);
        Bytes.put16(b, UdpPacket.LENGTH_OFFSET, 0); // an RFC 2675 jumbogram length: not supported
        assertThat(udp.wrap(b, 0, b.length)).isEqualTo(WireError.BAD_LENGTH);
    }

    @Test
    void rfc768LengthBeyondTheIpPayloadIsBadLength() {
        // The length counts header and data; more than the IP layer delivered means a short
        // datagram (Linux __udp4_lib_rcv: ulen > skb->len goes to short_packet).
        assertThat(udp.wrap(V4, 0, V4.length - 1)).isEqualTo(WireError.BAD_LENGTH);
    }

    @Test
    void lengthFieldBoundsThePayloadWhenTheIpPayloadIsLonger() {
        // Ethernet pads short frames to 60 bytes; the UDP length says where the data ends.
        byte[] padded = Arrays.copyOf(V4, V4.length + 12);
        UdpPacket p = wrapped(padded);
        assertThat(p.length()).isEqualTo(17);
        assertThat(p.payloadLength()).isEqualTo(9);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
    }

    @Test
    void natRewriteOfPortAndAddressKeepsTheChecksumValid() {
        byte[] b = V4.clone();
        UdpPacket p = wrapped(b);
        int natAddr = Ipv4Address.parse("198.51.100.9").bits();
        p.setDstPort(5353);
        p.adjustChecksumForAddressV4(SERVER, natAddr);
        assertThat(p.dstPort()).isEqualTo(5353);
        assertThat(p.verifyChecksumV4(CLIENT, natAddr)).isTrue();
    }

    @Test
    void reprRefusesOutOfRangeFields() {
        assertThatThrownBy(() -> new UdpRepr(1, 2, UdpRepr.MAX_PAYLOAD + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload length must be 0..65527");
        assertThatThrownBy(() -> new UdpRepr(-1, 2, 0)).hasMessageContaining("source port");
    }

    // ---- properties ----

    @Property
    void randomBytesNeverThrowAndValidOnesRoundTrip(@ForAll @Size(max = 40) byte[] bytes) {
        UdpPacket p = new UdpPacket();
        if (p.wrap(bytes, 0, bytes.length) == WireError.OK) {
            assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(bytes.length);
            p.verifyChecksumV4(1, 2);
            p.verifyChecksumV6(1, 2, 3, 4);
            UdpRepr r = UdpRepr.parse(p);
            byte[] out = new byte[8];
            r.emit(out, 0);
            assertThat(out).isEqualTo(Arrays.copyOf(bytes, 8));
        }
    }

    private static byte[] datagram(byte[] payload, int sp, int dp) {
        UdpRepr r = new UdpRepr(sp, dp, payload.length);
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        System.arraycopy(payload, 0, b, 8, payload.length);
        return b;
    }

    @Property
    void incrementalPortAndAddressUpdatesEqualRecomputationV4(@ForAll @Size(max = 30) byte[] payload,
            @ForAll @IntRange(min = 0, max = 0xffff) int sp, @ForAll @IntRange(min = 0, max = 0xffff) int dp,
            @ForAll @IntRange(min = 0, max = 0xffff) int newPort, @ForAll int src, @ForAll int dst, @ForAll int newDst) {
        byte[] b = datagram(payload, sp, dp);
        UdpPacket p = new UdpPacket();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        p.fillChecksumV4(src, dst);
        p.setSrcPort(newPort);
        p.adjustChecksumForAddressV4(dst, newDst);
        int incremental = p.checksum();
        p.fillChecksumV4(src, newDst);
        assertThat(incremental).isEqualTo(p.checksum());
        assertThat(p.verifyChecksumV4(src, newDst)).isTrue();
    }

    @Property
    void incrementalUpdatesEqualRecomputationV6(@ForAll @Size(max = 30) byte[] payload,
            @ForAll @IntRange(min = 0, max = 0xffff) int newPort, @ForAll long newHi, @ForAll long newLo) {
        byte[] b = datagram(payload, 41000, 53000);
        UdpPacket p = new UdpPacket();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        p.fillChecksumV6(CLIENT6.hi(), CLIENT6.lo(), SERVER6.hi(), SERVER6.lo());
        p.setDstPort(newPort);
        p.adjustChecksumForAddressV6(CLIENT6.hi(), CLIENT6.lo(), newHi, newLo);
        int incremental = p.checksum();
        p.fillChecksumV6(newHi, newLo, SERVER6.hi(), SERVER6.lo());
        assertThat(incremental).isEqualTo(p.checksum());
        assertThat(p.verifyChecksumV6(newHi, newLo, SERVER6.hi(), SERVER6.lo())).isTrue();
    }

    @Property
    void incrementalUpdateOfTheAllZeroSumCaseStaysAllOnes(@ForAll @IntRange(min = 0, max = 0xffff) int newPort) {
        byte[] b = SUMS_TO_ZERO.clone();
        UdpPacket p = wrapped(b);
        p.fillChecksumV4(CLIENT, SERVER);
        p.setSrcPort(newPort);
        int incremental = p.checksum();
        p.fillChecksumV4(CLIENT, SERVER);
        assertThat(incremental).isEqualTo(p.checksum()).isNotZero();
    }
}
