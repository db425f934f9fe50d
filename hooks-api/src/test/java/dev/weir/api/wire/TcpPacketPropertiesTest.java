package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TcpPacketPropertiesTest {

    /** Reads everything a wrapped view offers; re-emits its parsed form and expects the header back. */
    private static void exerciseAndRoundTrip(TcpPacket p, byte[] b, int off) {
        assertThat(p.payloadOffset() + p.payloadLength()).isEqualTo(off + p.length());
        assertThat(p.sequenceLength()).isBetween(p.payloadLength(), p.payloadLength() + 2);
        assertThat(p.optionsLength()).isBetween(0, TcpOption.MAX_OPTIONS_LEN);
        for (int pos = p.firstOption(); pos >= 0; pos = p.nextOption(pos)) {
            assertThat(p.optionValueOffset(pos)).isGreaterThan(pos);
            assertThat(pos + p.optionLength(pos)).isLessThanOrEqualTo(p.payloadOffset());
        }
        p.verifyChecksumV4(1, 2);
        TcpRepr r = TcpRepr.parse(p);
        assertThat(r.headerLength()).isEqualTo(p.headerLength());
        assertThat(r.bufferLength()).isEqualTo(p.length());
        byte[] out = new byte[r.headerLength()];
        r.emit(out, 0);
        assertThat(Bytes.hex(out, 0, out.length)).isEqualTo(Bytes.hex(b, off, p.headerLength()));
        assertThat(r.toString()).isNotEmpty();
    }

    @Property
    void randomBytesNeverThrowAndValidOnesRoundTrip(@ForAll @Size(max = 72) byte[] bytes) {
        TcpPacket p = new TcpPacket();
        if (p.wrap(bytes, 0, bytes.length) == WireError.OK) {
            exerciseAndRoundTrip(p, bytes, 0);
        }
    }

    /** Random headers whose data offset is plausible, so the option parser sees most of the tries. */
    @Property
    void randomOptionBytesNeverThrow(@ForAll @Size(min = 20, max = 60) byte[] bytes, @ForAll @IntRange(min = 5, max = 15) int doff) {
        bytes[12] = (byte) (doff << 4 | (bytes[12] & 0x0f));
        TcpPacket p = new TcpPacket();
        if (p.wrap(bytes, 0, bytes.length) == WireError.OK) {
            exerciseAndRoundTrip(p, bytes, 0);
        }
    }

    @Property
    void mutatedLinuxSegmentsNeverThrow(@ForAll @IntRange(min = 0, max = TcpGolden.LAST) int which,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 59) Integer> positions,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 8) int cut) {
        byte[] b = TcpGolden.ALL[which].clone();
        for (int at : positions) {
            b[at % b.length] ^= (byte) (value | 1);
        }
        int len = Math.max(0, b.length - cut);
        TcpPacket p = new TcpPacket();
        if (p.wrap(b, 0, len) == WireError.OK) {
            exerciseAndRoundTrip(p, b, 0);
        }
    }

    @Property
    void everyLinuxSegmentParsesAndEmitsByteForByte(@ForAll @IntRange(min = 0, max = TcpGolden.LAST) int which) {
        byte[] seg = TcpGolden.ALL[which];
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(seg, 0, seg.length)).isEqualTo(WireError.OK);
        assertThat(p.verifyChecksum(TcpGolden.pseudoHeader(seg, seg.length))).isTrue();
        exerciseAndRoundTrip(p, seg, 0);
        TcpRepr r = TcpRepr.parse(p);
        byte[] out = new byte[seg.length];
        System.arraycopy(seg, r.headerLength(), out, r.headerLength(), r.payloadLength());
        r.emit(out, 0, TcpGolden.pseudoHeader(seg, seg.length), seg, r.headerLength());
        assertThat(out).isEqualTo(seg);
    }

    // ---- generated records ----

    @Provide
    Arbitrary<TcpOption> option() {
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffff_ffffL);
        Arbitrary<TcpOption.Sack.Block> block = Combinators.combine(u32, u32).as(TcpOption.Sack.Block::new);
        Arbitrary<Integer> unknownKind = Arbitraries.integers().between(0, 255).filter(k -> !TcpOption.isKnownKind(k));
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0xffff).map(TcpOption.Mss::new),
                Arbitraries.integers().between(0, 255).map(TcpOption.WindowScale::new),
                Arbitraries.just(TcpOption.SACK_PERMITTED),
                Arbitraries.just(TcpOption.NOP),
                Combinators.combine(u32, u32).as(TcpOption.Timestamps::new),
                block.list().ofMinSize(1).ofMaxSize(4).map(TcpOption.Sack::new),
                Combinators.combine(unknownKind, Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
                        .as(TcpOption.Unknown::new));
    }

    @Provide
    Arbitrary<TcpRepr> repr() {
        Arbitrary<List<TcpOption>> options = option().list().ofMaxSize(8).map(list -> {
            // Keep what fits, then close the list with EOL and zero padding when it does not end on a word.
            List<TcpOption> kept = new ArrayList<>();
            int n = 0;
            for (TcpOption o : list) {
                if (n + o.length() <= TcpOption.MAX_OPTIONS_LEN) {
                    kept.add(o);
                    n += o.length();
                }
            }
            return kept;
        });
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffff_ffffL);
        return Combinators.combine(u16, u16, u32, u32, Arbitraries.integers().between(0, TcpPacket.FLAGS_MASK), u16,
                        u16, options)
                .as((sp, dp, seq, ack, flags, win, urg, opts) -> {
                    int n = opts.stream().mapToInt(TcpOption::length).sum();
                    byte[] trailer = new byte[0];
                    List<TcpOption> all = new ArrayList<>(opts);
                    if (n % 4 != 0) {
                        all.add(TcpOption.EOL);
                        trailer = new byte[(4 - (n + 1) % 4) % 4];
                    }
                    return new TcpRepr(sp, dp, seq, ack, flags, win, 0, urg, all, trailer, 0);
                });
    }

    @Property
    void generatedHeadersEmitThenParseToAnEqualRecord(@ForAll("repr") TcpRepr r) {
        byte[] b = new byte[r.bufferLength()];
        int h = r.emit(b, 0);
        assertThat(h % 4).isZero();
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(TcpRepr.parse(p)).isEqualTo(r);
    }

    @Property
    void emitWithPayloadFillsAChecksumThatVerifies(@ForAll("repr") TcpRepr header,
            @ForAll @Size(max = 40) byte[] payload, @ForAll int src, @ForAll int dst) {
        TcpRepr r = new TcpRepr(header.srcPort(), header.dstPort(), header.seqNumber(), header.ackNumber(),
                header.flags(), header.window(), 0, header.urgentPointer(), header.options(), header.optionTrailer(),
                payload.length);
        byte[] b = new byte[r.bufferLength()];
        System.arraycopy(payload, 0, b, r.headerLength(), payload.length);
        r.emit(b, 0, Checksum.pseudoHeaderV4(src, dst, TcpGolden.TCP, b.length), payload, 0);
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(b, 0, b.length)).isEqualTo(WireError.OK);
        assertThat(p.verifyChecksumV4(src, dst)).isTrue();
    }

    // ---- incremental checksum updates ----

    /** The checksum a full recomputation gives for the segment as it now is. */
    private static int recomputed(byte[] seg, long pseudo) {
        byte[] copy = seg.clone();
        TcpPacket q = new TcpPacket();
        assertThat(q.wrap(copy, 0, copy.length)).isEqualTo(WireError.OK);
        q.fillChecksum(pseudo);
        return q.checksum();
    }

    @Property
    void incrementalUpdatesEqualFullRecomputation(@ForAll @IntRange(min = 0, max = TcpGolden.LAST) int which,
            @ForAll @IntRange(min = 0, max = 0xffff) int port, @ForAll int seq, @ForAll int ack,
            @ForAll @IntRange(min = 0, max = 0xffff) int window, @ForAll @IntRange(min = 0, max = 0xfff) int flags,
            @ForAll @IntRange(min = 0, max = 5) int field) {
        byte[] seg = TcpGolden.ALL[which].clone();
        long pseudo = TcpGolden.pseudoHeader(TcpGolden.ALL[which], seg.length);
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(seg, 0, seg.length)).isEqualTo(WireError.OK);
        switch (field) {
            case 0 -> p.setSrcPort(port);
            case 1 -> p.setDstPort(port);
            case 2 -> p.setSeqNumber(seq);
            case 3 -> p.setAckNumber(ack);
            case 4 -> p.setWindow(window);
            default -> p.setFlags(flags);
        }
        assertThat(p.checksum()).isEqualTo(recomputed(seg, pseudo));
        assertThat(p.verifyChecksum(pseudo)).isTrue();
    }

    @Property
    void addressRewriteAdjustmentEqualsRecomputationV4(@ForAll @IntRange(min = 0, max = TcpGolden.LAST) int which, @ForAll int newSrc) {
        Assume.that(!TcpGolden.isV6(TcpGolden.ALL[which]));
        byte[] seg = TcpGolden.ALL[which].clone();
        int src = TcpGolden.fromClient(seg) ? TcpGolden.CLIENT : TcpGolden.SERVER;
        int dst = TcpGolden.fromClient(seg) ? TcpGolden.SERVER : TcpGolden.CLIENT;
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(seg, 0, seg.length)).isEqualTo(WireError.OK);
        p.adjustChecksumForAddressV4(src, newSrc);
        assertThat(p.checksum()).isEqualTo(recomputed(seg, Checksum.pseudoHeaderV4(newSrc, dst, TcpGolden.TCP, seg.length)));
    }

    @Property
    void addressRewriteAdjustmentEqualsRecomputationV6(@ForAll long newHi, @ForAll long newLo) {
        byte[] seg = TcpGolden.DATA_V6.clone();
        Ipv6Address s = TcpGolden.CLIENT6;
        Ipv6Address d = TcpGolden.SERVER6;
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(seg, 0, seg.length)).isEqualTo(WireError.OK);
        p.adjustChecksumForAddressV6(d.hi(), d.lo(), newHi, newLo);
        assertThat(p.checksum()).isEqualTo(
                recomputed(seg, Checksum.pseudoHeaderV6(s.hi(), s.lo(), newHi, newLo, TcpGolden.TCP, seg.length)));
        assertThat(p.verifyChecksumV6(s.hi(), s.lo(), newHi, newLo)).isTrue();
    }

    @Property
    void truncatingAValidSegmentBelowItsHeaderIsRefused(@ForAll @IntRange(min = 0, max = TcpGolden.LAST) int which,
            @ForAll @IntRange(min = 1, max = 60) int drop) {
        byte[] seg = TcpGolden.ALL[which];
        TcpPacket p = new TcpPacket();
        assertThat(p.wrap(seg, 0, seg.length)).isEqualTo(WireError.OK);
        int h = p.headerLength();
        int len = Math.max(0, seg.length - drop);
        WireError e = p.wrap(Arrays.copyOf(seg, len), 0, len);
        if (len < 20) {
            assertThat(e).isEqualTo(WireError.TRUNCATED);
        } else if (len < h) {
            assertThat(e).isEqualTo(WireError.BAD_HEADER_LENGTH);
        } else {
            assertThat(e).isEqualTo(WireError.OK);
        }
    }
}
