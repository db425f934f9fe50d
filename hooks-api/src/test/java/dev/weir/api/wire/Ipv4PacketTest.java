package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.1.1");
    private static final Ipv4Address R = Ipv4Address.parse("10.0.1.254");

    /** Linux's echo request: DF, TTL 64, id 0x80d4, 64 bytes of ICMP. */
    private static final byte[] ECHO = LinuxCaptures.l3("arp", 3);

    /** Every IPv4 packet in the captures, for the mutation properties. */
    static List<byte[]> linuxIpv4Packets() {
        return LinuxCaptures.packets(EtherType.IPV4, "arp", "echo4", "rr4", "frag4", "portunr4", "fragneeded4", "ttl4",
                "redirect4", "paramprob4");
    }

    private static Ipv4Packet wrapped(byte[] b) {
        Ipv4Packet p = new Ipv4Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        return p;
    }

    private static byte[] emit(Ipv4Repr r) {
        byte[] b = new byte[r.headerLength()];
        assertThat(r.emit(b, 0)).isEqualTo(r.headerLength());
        return b;
    }

    // Golden bytes: Linux's headers parse to these records, and the records emit Linux's bytes, checksum included.

    @Test
    void linuxEchoRequestHeader() {
        Ipv4Packet p = wrapped(ECHO);
        assertThat(p.version()).isEqualTo(4);
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.totalLength()).isEqualTo(84);
        assertThat(p.identification()).isEqualTo(0x80d4);
        assertThat(p.dontFragment()).isTrue();
        assertThat(p.moreFragments()).isFalse();
        assertThat(p.isFragment()).isFalse();
        assertThat(p.ttl()).isEqualTo(64);
        assertThat(p.protocol()).isEqualTo(IpProtocol.ICMP);
        assertThat(p.checksum()).isEqualTo(0xa2d6);
        assertThat(p.payloadOffset()).isEqualTo(20);
        assertThat(p.payloadLength()).isEqualTo(64);
        Ipv4Repr r = new Ipv4Repr(A, R, IpProtocol.ICMP, 64, 0, 0, 0x80d4, true, false, 0, Octets.EMPTY, 64);
        assertThat(Ipv4Repr.parse(p)).isEqualTo(r);
        assertThat(emit(r)).isEqualTo(Arrays.copyOf(ECHO, 20));
        assertThat(r.bufferLength()).isEqualTo(84);
    }

    @Test
    void linuxDscpFromPingQ() {
        // ping -Q 0xb8: DSCP 46 (EF), ECN 0.
        byte[] b = LinuxCaptures.l3("echo4", 1);
        Ipv4Packet p = wrapped(b);
        assertThat(p.tos()).isEqualTo(0xb8);
        assertThat(p.dscp()).isEqualTo(46);
        assertThat(p.ecn()).isZero();
        Ipv4Repr r = Ipv4Repr.parse(p);
        assertThat(r.dscp()).isEqualTo(46);
        assertThat(emit(r)).isEqualTo(Arrays.copyOf(b, 20));
    }

    @Test
    void linuxRecordRouteOptionsAreKeptByteForByte() {
        // ping -R: NOP, then Record Route (type 7, length 39, pointer 8, first slot 10.0.1.1): IHL 15.
        byte[] b = LinuxCaptures.l3("rr4", 1);
        Ipv4Packet p = wrapped(b);
        assertThat(p.headerLength()).isEqualTo(60);
        assertThat(p.optionsLength()).isEqualTo(40);
        assertThat(p.payloadLength()).isEqualTo(16);
        Ipv4Options opts = new Ipv4Options();
        opts.reset(p);
        assertThat(opts.next()).isTrue();
        assertThat(opts.type()).isEqualTo(Ipv4Options.RECORD_ROUTE);
        assertThat(opts.offset()).isEqualTo(21);
        assertThat(opts.length()).isEqualTo(39);
        assertThat(opts.copied()).isFalse();
        assertThat(Bytes.u8(b, opts.dataOffset())).as("pointer").isEqualTo(8);
        assertThat(Bytes.i32(b, opts.dataOffset() + 1)).isEqualTo(A.bits());
        assertThat(opts.dataLength()).isEqualTo(37);
        assertThat(opts.next()).isFalse();

        Ipv4Repr r = Ipv4Repr.parse(p);
        assertThat(r.options()).isEqualTo(Octets.copyOf(b, 20, 40));
        assertThat(emit(r)).isEqualTo(Arrays.copyOf(b, 60));
    }

    @Test
    void linuxRecordRouteReplyEndsWithEndOfOptionList() {
        byte[] b = LinuxCaptures.l3("rr4", 2);
        Ipv4Packet p = wrapped(b);
        Ipv4Options opts = new Ipv4Options();
        opts.reset(p);
        assertThat(opts.next()).isTrue();
        assertThat(opts.type()).isEqualTo(Ipv4Options.RECORD_ROUTE);
        assertThat(opts.offset()).isEqualTo(20);
        assertThat(Bytes.u8(b, opts.dataOffset())).as("pointer past three recorded hops").isEqualTo(16);
        assertThat(opts.next()).as("End of Option List at byte 59").isFalse();
        assertThat(emit(Ipv4Repr.parse(p))).isEqualTo(Arrays.copyOf(b, 60));
    }

    @Test
    void linuxFragmentsOfA2008ByteDatagram() {
        Ipv4Packet first = wrapped(LinuxCaptures.l3("frag4", 1));
        assertThat(first.moreFragments()).isTrue();
        assertThat(first.fragmentOffset()).isZero();
        assertThat(first.isFragment()).isTrue();
        assertThat(first.totalLength()).isEqualTo(1500);
        Ipv4Packet last = wrapped(LinuxCaptures.l3("frag4", 2));
        assertThat(last.moreFragments()).isFalse();
        assertThat(last.fragmentOffset()).isEqualTo(185);
        assertThat(last.fragmentOffsetBytes()).isEqualTo(1480);
        assertThat(last.isFragment()).isTrue();
        assertThat(last.identification()).isEqualTo(first.identification());
        assertThat(last.payloadLength()).isEqualTo(528);
        Ipv4Repr r = Ipv4Repr.parse(last);
        assertThat(r.isFragment()).isTrue();
        assertThat(r.fragmentOffsetBytes()).isEqualTo(1480);
        assertThat(emit(r)).isEqualTo(Arrays.copyOf(LinuxCaptures.l3("frag4", 2), 20));
    }

    @Test
    void decrementTtlGivesTheBytesLinuxForwarded() {
        // R forwarded A's packet (TTL 64) back out the same link (TTL 63): ip_decrease_ttl's checksum.
        byte[] in = LinuxCaptures.l3("redirect4", 1);
        byte[] forwarded = LinuxCaptures.l3("redirect4", 4);
        Ipv4Packet p = wrapped(in);
        assertThat(p.decrementTtl()).isEqualTo(63);
        assertThat(in).isEqualTo(forwarded);
        assertThat(p.checksumValid()).isTrue();
    }

    @Test
    void decrementTtlAtZeroIsAProgrammingError() {
        byte[] b = fixed(h -> h[8] = 0);
        Ipv4Packet p = wrapped(b);
        assertThatThrownBy(p::decrementTtl).isInstanceOf(IllegalStateException.class).hasMessageContaining("RFC 1812");
    }

    @Test
    void trailingLinkPaddingIsNotPayload() {
        // Linux's port-unreachable probe: a 32-byte datagram; on the wire Ethernet pads it to 46.
        byte[] b = Arrays.copyOf(LinuxCaptures.l3("portunr4", 1), 46);
        Ipv4Packet p = new Ipv4Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(p.totalLength()).isEqualTo(32);
        assertThat(p.payloadLength()).isEqualTo(12);
    }

    // Validation: RFC 1812 section 5.2.2 (router) and RFC 1122 section 3.2.1 (host).

    /** The echo request with a change applied and the checksum fixed, so only the change is wrong. */
    private static byte[] fixed(Consumer<byte[]> change) {
        byte[] b = ECHO.clone();
        change.accept(b);
        int hl = (b[0] & 0x0f) * 4;
        if (hl >= 20 && hl <= b.length) {
            Bytes.put16(b, 10, 0);
            Bytes.put16(b, 10, Checksum.internet(b, 0, hl));
        }
        return b;
    }

    private static WireError wrap(byte[] b) {
        return new Ipv4Packet().wrap(b, 0, b.length);
    }

    @Test
    void rfc1812_5_2_2_1_linkLengthBelow20IsTruncated() {
        assertThat(new Ipv4Packet().wrap(ECHO, 0, 19)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void rfc1812_5_2_2_2_andRfc1122_3_2_1_2_badChecksumIsRefused() {
        byte[] b = ECHO.clone();
        b[8] = 63;
        assertThat(wrap(b)).isEqualTo(WireError.BAD_CHECKSUM);
        Ipv4Packet p = new Ipv4Packet();
        assertThat(p.wrapNoChecksum(b, 0, b.length)).as("checksum offload path").isEqualTo(WireError.OK);
        assertThat(p.checksumValid()).isFalse();
        p.fillChecksum();
        assertThat(p.checksumValid()).isTrue();
        assertThat(wrap(b)).isEqualTo(WireError.OK);
    }

    @Test
    void rfc1812_5_2_2_3_andRfc1122_3_2_1_1_versionOtherThan4IsRefused() {
        assertThat(wrap(fixed(h -> h[0] = 0x65))).isEqualTo(WireError.BAD_VERSION);
    }

    @Test
    void rfc1812_5_2_2_4_ihlBelow5IsRefused() {
        byte[] b = ECHO.clone();
        b[0] = 0x44;
        assertThat(wrap(b)).isEqualTo(WireError.BAD_HEADER_LENGTH);
    }

    @Test
    void ihlPastTheBytesAtHandIsTruncated() {
        // RFC 791: the header is IHL 32-bit words; Linux's ip_rcv_core drops a packet it cannot pull IHL*4 bytes of.
        byte[] b = Arrays.copyOf(ECHO, 24);
        b[0] = 0x47;
        assertThat(wrap(b)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void rfc1812_5_2_2_5_totalLengthBelowHeaderLengthIsRefused() {
        assertThat(wrap(fixed(h -> Bytes.put16(h, 2, 19)))).isEqualTo(WireError.BAD_LENGTH);
        byte[] withOptions = withOptions("01010101");
        Bytes.put16(withOptions, 2, 22); // covers the fixed 20 bytes but not the IHL 6 header
        Bytes.put16(withOptions, 10, 0);
        Bytes.put16(withOptions, 10, Checksum.internet(withOptions, 0, 24));
        assertThat(wrap(withOptions)).isEqualTo(WireError.BAD_LENGTH);
    }

    @Test
    void totalLengthPastTheBytesAtHandIsTruncatedAsLinuxIpRcvCore() {
        // Linux counts these as InTruncatedPkts and drops them.
        assertThat(wrap(fixed(h -> Bytes.put16(h, 2, 85)))).isEqualTo(WireError.TRUNCATED);
    }

    /** A header of IHL 6 carrying the four option bytes given. */
    private static byte[] withOptions(String hex) {
        byte[] b = new byte[24 + 8];
        new Ipv4Repr(A, R, IpProtocol.UDP, 64, 8).emit(b, 0);
        b[0] = 0x46;
        Bytes.put16(b, 2, 32);
        System.arraycopy(Bytes.fromHex(hex), 0, b, 20, 4);
        Bytes.put16(b, 10, 0);
        Bytes.put16(b, 10, Checksum.internet(b, 0, 24));
        return b;
    }

    @Test
    void rfc791_3_1_optionLengthCountsTypeAndLengthSoIsAtLeast2() {
        assertThat(wrap(withOptions("07010000"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("44000000"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc791_3_1_optionMustEndInsideTheHeader() {
        assertThat(wrap(withOptions("07050000"))).as("length 5 in 4 bytes").isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("01010107"))).as("no room for the length octet").isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc791_3_1_endOfOptionListEndsTheWalkWhateverFollows() {
        byte[] b = withOptions("0101" + "00" + "ff");
        Ipv4Packet p = wrapped(b);
        Ipv4Options o = new Ipv4Options();
        o.reset(p);
        assertThat(o.next()).isFalse();
        assertThat(Ipv4Repr.parse(p).options()).isEqualTo(Octets.fromHex("010100ff"));
    }

    @Test
    void optionSemanticsAreTheIpStagesNotTheWireFormats() {
        // Linux answered this Record Route of length 2 with a parameter problem pointing at its length
        // (see Icmpv4PacketTest): RR needs length >= 3 by its own rules. The generic format is sound.
        byte[] b = LinuxCaptures.l3("paramprob4", 2);
        Ipv4Packet p = wrapped(b);
        assertThat(p.optionsLength()).isEqualTo(4);
        Ipv4Options o = new Ipv4Options();
        o.reset(p);
        assertThat(o.next()).isTrue();
        assertThat(o.type()).isEqualTo(Ipv4Options.RECORD_ROUTE);
        assertThat(o.length()).isEqualTo(2);
        assertThat(o.offset()).isEqualTo(21);
    }

    @Test
    void optionCursorValidatesRawAreasAndRefusesReadsOutsideAnOption() {
        Ipv4Options o = new Ipv4Options();
        byte[] area = Bytes.fromHex("9404000001000000");
        assertThat(o.reset(area, 0, area.length)).isEqualTo(WireError.OK);
        assertThatThrownBy(o::type).isInstanceOf(IllegalStateException.class);
        assertThat(o.next()).isTrue();
        assertThat(o.type()).isEqualTo(Ipv4Options.ROUTER_ALERT);
        assertThat(o.copied()).isTrue();
        assertThat(o.next()).isFalse();
        assertThat(o.reset(Bytes.fromHex("0703"), 0, 2)).isEqualTo(WireError.BAD_OPTION);
        assertThat(o.next()).isFalse();
        assertThat(Ipv4Options.check(area, 6, 4)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void quotedHeaderInAnIcmpErrorIsReadThoughCut() {
        // Linux's fragmentation-needed message quotes 548 bytes of a 1328-byte datagram.
        byte[] icmp = LinuxCaptures.l3("fragneeded4", 2);
        int q = 20 + 8;
        Ipv4Packet p = new Ipv4Packet();
        assertThat(p.wrap(icmp, q, icmp.length - q)).isEqualTo(WireError.TRUNCATED);
        assertThat(p.wrapQuoted(icmp, q, icmp.length - q)).isEqualTo(WireError.OK);
        assertThat(p.totalLength()).isEqualTo(1328);
        assertThat(p.payloadLength()).isEqualTo(528);
        assertThat(new Ipv4Address(p.dst())).isEqualTo(Ipv4Address.parse("10.0.2.1"));
        assertThat(p.dontFragment()).isTrue();
    }

    @Test
    void rfc1122_3_2_1_3_andRfc1812_5_3_7_multicastOrBroadcastSourceIsABadAddress() {
        assertThat(wrapped(ECHO).checkAddresses()).isEqualTo(WireError.OK);
        assertThat(wrapped(fixed(h -> Bytes.put32(h, 12, Ipv4Address.parse("224.0.0.1").bits()))).checkAddresses())
                .isEqualTo(WireError.BAD_ADDRESS);
        assertThat(wrapped(fixed(h -> Bytes.put32(h, 12, -1))).checkAddresses()).isEqualTo(WireError.BAD_ADDRESS);
        assertThat(wrapped(fixed(h -> Bytes.put32(h, 12, 0))).checkAddresses()).as("0.0.0.0: DHCP").isEqualTo(WireError.OK);
    }

    @Test
    void settersKeepTheChecksumAndRefuseOutOfRangeValues() {
        byte[] b = ECHO.clone();
        Ipv4Packet p = wrapped(b);
        p.setSrc(Ipv4Address.parse("192.0.2.7").bits());
        p.setDst(Ipv4Address.parse("198.51.100.9").bits());
        p.setTtl(1);
        p.setTos(0x10);
        p.setEcn(3);
        p.setDscp(10);
        p.setIdentification(0xbeef);
        p.setDontFragment(false);
        p.setMoreFragments(true);
        p.setFragmentOffset(3);
        p.setProtocol(IpProtocol.UDP);
        p.setTotalLength(60);
        assertThat(p.checksumValid()).isTrue();
        assertThat(p.payloadLength()).isEqualTo(40);
        Ipv4Repr r = Ipv4Repr.parse(p);
        assertThat(r).isEqualTo(new Ipv4Repr(Ipv4Address.parse("192.0.2.7"), Ipv4Address.parse("198.51.100.9"),
                IpProtocol.UDP, 1, 10, 3, 0xbeef, false, true, 3, Octets.EMPTY, 40));
        assertThatThrownBy(() -> p.setTotalLength(85)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("85");
        assertThatThrownBy(() -> p.setTotalLength(19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setTtl(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setFragmentOffset(8192)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reprRefusesOptionsThatWrapWouldRefuse() {
        assertThatThrownBy(() -> new Ipv4Repr(A, R, 1, 64, 0, 0, 0, false, false, 0, Octets.fromHex("070100"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> new Ipv4Repr(A, R, 1, 64, 0, 0, 0, false, false, 0, Octets.fromHex("07010000"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 791");
        assertThatThrownBy(() -> new Ipv4Repr(A, R, 1, 64, 65516))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload length");
    }

    // Properties.

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 80) byte[] bytes, @ForAll int off, @ForAll int len) {
        Ipv4Packet p = new Ipv4Packet();
        p.wrap(bytes, off, len);
        p.wrapQuoted(bytes, off, len);
        for (int mode = 0; mode < 3; mode++) {
            WireError e = mode == 0 ? p.wrap(bytes, 0, bytes.length)
                    : mode == 1 ? p.wrapNoChecksum(bytes, 0, bytes.length) : p.wrapQuoted(bytes, 0, bytes.length);
            if (e == WireError.OK) {
                readAll(p);
            }
        }
    }

    @Property
    void neverThrowsOnMutatedLinuxPackets(@ForAll long seed) {
        Ipv4Packet p = new Ipv4Packet();
        for (byte[] valid : linuxIpv4Packets()) {
            byte[] b = Mutations.mutate(valid, seed);
            if (p.wrapNoChecksum(b, 0, b.length) == WireError.OK) {
                Ipv4Repr r = readAll(p);
                byte[] out = new byte[r.bufferLength()];
                r.emit(out, 0);
                Ipv4Packet q = new Ipv4Packet();
                assertThat(q.wrap(out, 0, out.length)).isEqualTo(WireError.OK);
                assertThat(Ipv4Repr.parse(q)).isEqualTo(r);
            }
            p.wrap(b, 0, b.length);
            p.wrapQuoted(b, 0, b.length);
        }
    }

    private static Ipv4Repr readAll(Ipv4Packet p) {
        Ipv4Options o = new Ipv4Options();
        o.reset(p);
        while (o.next()) {
            o.dataLength();
        }
        assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(p.buffer().length);
        return Ipv4Repr.parse(p);
    }

    @Property
    void emitThenWrapThenParseRoundTrips(@ForAll("reprs") Ipv4Repr r) {
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        Ipv4Packet p = new Ipv4Packet();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(Ipv4Repr.parse(p)).isEqualTo(r);
        byte[] again = new byte[r.bufferLength()];
        Ipv4Repr.parse(p).emit(again, 0);
        assertThat(again).isEqualTo(b);
    }

    @Property
    void everySetterKeepsTheChecksumByIncrementalUpdate(@ForAll("reprs") Ipv4Repr r, @ForAll int src, @ForAll int dst,
            @ForAll @IntRange(max = 255) int ttl, @ForAll @IntRange(max = 255) int tos,
            @ForAll @IntRange(max = 0xffff) int id, @ForAll @IntRange(max = 8191) int frag, @ForAll boolean df) {
        byte[] b = new byte[r.bufferLength()];
        r.emit(b, 0);
        Ipv4Packet p = wrapped(b);
        p.setSrc(src);
        p.setDst(dst);
        p.setTtl(ttl);
        p.setTos(tos);
        p.setIdentification(id);
        p.setFragmentOffset(frag);
        p.setDontFragment(df);
        p.setTotalLength(p.headerLength());
        assertThat(p.checksumValid()).isTrue();
        if (p.ttl() > 0) {
            p.decrementTtl();
            assertThat(p.checksumValid()).as("ip_decrease_ttl").isTrue();
        }
    }

    @Provide
    Arbitrary<Ipv4Repr> reprs() {
        return Builders.withBuilder(() -> new Object[12])
                .use(Arbitraries.integers()).in((a, v) -> set(a, 0, new Ipv4Address(v)))
                .use(Arbitraries.integers()).in((a, v) -> set(a, 1, new Ipv4Address(v)))
                .use(Arbitraries.integers().between(0, 255)).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.integers().between(0, 255)).in((a, v) -> set(a, 3, v))
                .use(Arbitraries.integers().between(0, 63)).in((a, v) -> set(a, 4, v))
                .use(Arbitraries.integers().between(0, 3)).in((a, v) -> set(a, 5, v))
                .use(Arbitraries.integers().between(0, 0xffff)).in((a, v) -> set(a, 6, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 7, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.integers().between(0, 8191)).in((a, v) -> set(a, 9, v))
                .use(Arbitraries.longs()).in((a, v) -> set(a, 10, validOptions(v)))
                .use(Arbitraries.integers().between(0, 200)).in((a, v) -> set(a, 11, v))
                .build(a -> new Ipv4Repr((Ipv4Address) a[0], (Ipv4Address) a[1], (int) a[2], (int) a[3], (int) a[4],
                        (int) a[5], (int) a[6], (boolean) a[7], (boolean) a[8], (int) a[9], (Octets) a[10], (int) a[11]));
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    /** Well-formed options from a seed: NOPs and type-length-data options, padded with End of Option List. */
    static Octets validOptions(long seed) {
        Random r = new Random(seed);
        int budget = 4 * r.nextInt(11);
        byte[] b = new byte[budget];
        int at = 0;
        while (budget - at > 0 && r.nextInt(5) != 0) {
            if (r.nextInt(3) == 0) {
                b[at++] = Ipv4Options.NOP;
                continue;
            }
            if (budget - at < 2) {
                break;
            }
            int len = 2 + r.nextInt(Math.min(budget - at, 10) - 1);
            b[at] = (byte) (2 + r.nextInt(254));
            b[at + 1] = (byte) len;
            for (int i = 2; i < len; i++) {
                b[at + i] = (byte) r.nextInt(256);
            }
            at += len;
        }
        return Octets.copyOf(b);
    }
}
