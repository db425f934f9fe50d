package dev.weir.api.wire;

import static dev.weir.api.wire.TcpGolden.CLIENT;
import static dev.weir.api.wire.TcpGolden.CLIENT6;
import static dev.weir.api.wire.TcpGolden.SERVER;
import static dev.weir.api.wire.TcpGolden.SERVER6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpPacketTest {
    private final TcpPacket tcp = new TcpPacket();

    private TcpPacket wrapped(byte[] segment) {
        assertThat(tcp.wrap(segment, 0, segment.length)).isEqualTo(WireError.OK);
        return tcp;
    }

    /** Builds the header from its parts, fills the checksum, and expects Linux's bytes exactly. */
    private static void assertEmitsLinuxBytes(TcpRepr r, byte[] linux) {
        byte[] out = new byte[r.bufferLength()];
        int h = r.headerLength();
        System.arraycopy(linux, h, out, h, r.payloadLength());
        r.emit(out, 0, TcpGolden.pseudoHeader(linux, out.length), out, h);
        assertThat(Bytes.hex(out, 0, out.length)).isEqualTo(Bytes.hex(linux, 0, linux.length));
    }

    // ---- golden segments from Linux ----

    @Test
    void linuxSynWithMssSackOkTimestampsNopWscale() {
        TcpRepr built = new TcpRepr(40001, 5001, 70161575L, 0, TcpPacket.SYN, 64240, List.of(
                new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(1366144214L, 0),
                TcpOption.NOP, new TcpOption.WindowScale(10)), 0);
        assertEmitsLinuxBytes(built, TcpGolden.SYN);

        TcpPacket p = wrapped(TcpGolden.SYN);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        assertThat(p.srcPort()).isEqualTo(40001);
        assertThat(p.dstPort()).isEqualTo(5001);
        assertThat(Integer.toUnsignedLong(p.seqNumber())).isEqualTo(70161575L);
        assertThat(p.headerLength()).isEqualTo(40);
        assertThat(p.syn()).isTrue();
        assertThat(p.ack()).isFalse();
        assertThat(p.sequenceLength()).isEqualTo(1);
        assertThat(p.payloadLength()).isZero();
        TcpRepr parsed = TcpRepr.parse(p);
        assertThat(parsed.mss()).hasValue(1460);
        assertThat(parsed.windowScale()).hasValue(10);
        assertThat(parsed.sackPermitted()).isTrue();
        assertThat(parsed.timestamps()).contains(new TcpOption.Timestamps(1366144214L, 0));
        assertThat(parsed.sackBlocks()).isEmpty();
        assertThat(parsed).hasToString("40001 > 5001: Flags [S], seq 70161575, win 64240, "
                + "options [mss 1460,sackOK,TS val 1366144214 ecr 0,nop,wscale 10], length 0");
    }

    @Test
    void linuxSynWithoutTimestampsPadsWithNops() {
        TcpRepr built = new TcpRepr(40004, 5001, 1149004474L, 0, TcpPacket.SYN, 65535, List.of(new TcpOption.Mss(1460),
                TcpOption.NOP, TcpOption.NOP, TcpOption.SACK_PERMITTED, TcpOption.NOP, new TcpOption.WindowScale(2)), 0);
        assertEmitsLinuxBytes(built, TcpGolden.SYN_NO_TS);
        TcpRepr parsed = TcpRepr.parse(wrapped(TcpGolden.SYN_NO_TS));
        assertThat(parsed.options()).isEqualTo(built.options());
        assertThat(parsed.timestamps()).isEmpty();
        assertThat(parsed.toString()).contains("options [mss 1460,nop,nop,sackOK,nop,wscale 2]");
    }

    @Test
    void linuxSynAck() {
        TcpRepr built = new TcpRepr(5001, 40001, 3878996470L, 70161576L, TcpPacket.SYN | TcpPacket.ACK, 65160, List.of(
                new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(1336251185L, 1366144214L),
                TcpOption.NOP, new TcpOption.WindowScale(10)), 0);
        assertEmitsLinuxBytes(built, TcpGolden.SYN_ACK);
        TcpPacket p = wrapped(TcpGolden.SYN_ACK);
        assertThat(p.verifyChecksumV4(SERVER, CLIENT)).isTrue();
        assertThat(Integer.toUnsignedLong(p.ackNumber())).isEqualTo(70161576L);
        assertThat(TcpRepr.parse(p).flagsString()).isEqualTo("[S.]");
    }

    @Test
    void linuxDataSegmentWithNopNopTimestamps() {
        TcpRepr built = new TcpRepr(40001, 5001, 70161576L, 3878996471L, TcpPacket.PSH | TcpPacket.ACK, 63,
                List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(1366144214L, 1336251185L)), 11);
        assertEmitsLinuxBytes(built, TcpGolden.DATA);
        TcpPacket p = wrapped(TcpGolden.DATA);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        assertThat(p.headerLength()).isEqualTo(32);
        assertThat(p.payloadOffset()).isEqualTo(32);
        assertThat(new String(TcpGolden.DATA, p.payloadOffset(), p.payloadLength(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("hello weir\n");
        assertThat(p.sequenceLength()).isEqualTo(11);
        assertThat(TcpRepr.parse(p)).isEqualTo(new TcpRepr(40001, 5001, 70161576L, 3878996471L,
                TcpPacket.PSH | TcpPacket.ACK, 63, 0x50b6, 0, built.options(), new byte[0], 11));
    }

    @Test
    void linuxFinAndRstFlags() {
        TcpPacket fin = wrapped(TcpGolden.FIN);
        assertThat(fin.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        assertThat(fin.fin()).isTrue();
        assertThat(fin.sequenceLength()).isEqualTo(1);
        assertThat(TcpRepr.flagsString(fin.flags())).isEqualTo("[F.]");

        TcpPacket rst = wrapped(TcpGolden.RST);
        assertThat(rst.verifyChecksumV4(SERVER, CLIENT)).isTrue();
        assertThat(rst.firstOption()).isEqualTo(-1);
        assertThat(TcpRepr.flagsString(rst.flags())).isEqualTo("[R.]");
        assertEmitsLinuxBytes(new TcpRepr(5009, 40009, 0, 944213641L, TcpPacket.RST | TcpPacket.ACK, 0, List.of(), 0),
                TcpGolden.RST);
    }

    @Test
    void linuxSackBearingAckAfterLoss() {
        List<TcpOption.Sack.Block> blocks = List.of(
                new TcpOption.Sack.Block(0x04c43262L, 0x04c4380aL),
                new TcpOption.Sack.Block(0x04c41bc2L, 0x04c42712L),
                new TcpOption.Sack.Block(0x04c3ff7aL, 0x04c40acaL));
        TcpRepr built = new TcpRepr(5002, 40002, 0x665194ddL, 0x04c3dd8aL, TcpPacket.ACK, 80, List.of(
                TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(1519094163L, 1530223190L),
                TcpOption.NOP, TcpOption.NOP, new TcpOption.Sack(blocks)), 0);
        assertEmitsLinuxBytes(built, TcpGolden.SACK);
        TcpPacket p = wrapped(TcpGolden.SACK);
        assertThat(p.headerLength()).isEqualTo(TcpPacket.MAX_HEADER_LEN);
        assertThat(p.verifyChecksumV4(SERVER, CLIENT)).isTrue();
        TcpRepr parsed = TcpRepr.parse(p);
        assertThat(parsed.sackBlocks()).isEqualTo(blocks);
        // tcpdump printed the first block as {37649:39097} relative to the ack's 15929.
        assertThat(TcpSeq.diff((int) blocks.get(0).left(), p.ackNumber())).isEqualTo(37649 - 15929);
        assertThat(TcpSeq.diff((int) blocks.get(0).right(), (int) blocks.get(0).left())).isEqualTo(1448);
    }

    @Test
    void mptcpOptionKind30IsKeptByteForByte() {
        TcpPacket p = wrapped(TcpGolden.MPTCP_SYN);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        TcpRepr r = TcpRepr.parse(p);
        assertThat(r.options().getLast()).isEqualTo(new TcpOption.Unknown(30, Bytes.fromHex("0101")));
        assertThat(r.options().getLast()).hasToString("unknown-30 0x0101");
        assertEmitsLinuxBytes(r, TcpGolden.MPTCP_SYN);

        TcpPacket d = wrapped(TcpGolden.MPTCP_DATA);
        assertThat(d.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        TcpRepr data = TcpRepr.parse(d);
        assertThat(data.options()).hasSize(6);
        assertThat(data.options().get(3)).isEqualTo(
                new TcpOption.Unknown(30, Bytes.fromHex("010105b1cc067b0d0da68e7f80a0e73cc4c9000b")));
        assertThat(data.options().subList(4, 6)).containsExactly(TcpOption.NOP, TcpOption.NOP);
        assertEmitsLinuxBytes(data, TcpGolden.MPTCP_DATA);
    }

    @Test
    void rfc6994ExperimentalKind254IsKeptByteForByte() {
        TcpPacket p = wrapped(TcpGolden.EXP_254);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        int exp = p.findOption(254);
        assertThat(exp).isEqualTo(26);
        assertThat(p.optionLength(exp)).isEqualTo(10);
        // RFC 6994 section 3: the first two data bytes are the experiment identifier.
        assertThat(Bytes.u16(TcpGolden.EXP_254, p.optionValueOffset(exp))).isEqualTo(0xf989);
        TcpRepr r = TcpRepr.parse(p);
        assertThat(r.options()).containsExactly(new TcpOption.Mss(1460), TcpOption.NOP, TcpOption.NOP,
                new TcpOption.Unknown(254, Bytes.fromHex("f989001122334455")));
        assertEmitsLinuxBytes(r, TcpGolden.EXP_254);
    }

    @Test
    void checksumOverIpv6PseudoHeader() {
        TcpPacket p = wrapped(TcpGolden.DATA_V6);
        assertThat(p.verifyChecksumV6(CLIENT6.hi(), CLIENT6.lo(), SERVER6.hi(), SERVER6.lo())).isTrue();
        assertThat(p.verifyChecksumV6(SERVER6.hi(), SERVER6.lo(), CLIENT6.hi(), CLIENT6.lo() + 1)).isFalse();
        byte[] copy = TcpGolden.DATA_V6.clone();
        TcpPacket q = wrapped(copy);
        q.setChecksum(0);
        q.fillChecksumV6(CLIENT6.hi(), CLIENT6.lo(), SERVER6.hi(), SERVER6.lo());
        assertThat(q.checksum()).isEqualTo(0x04b2);
    }

    @Test
    void fillChecksumV4MatchesLinux() {
        byte[] copy = TcpGolden.SYN.clone();
        TcpPacket p = wrapped(copy);
        p.setChecksum(0x1234);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isFalse();
        p.fillChecksumV4(CLIENT, SERVER);
        assertThat(p.checksum()).isEqualTo(0xea25);
    }

    // ---- the options iterator ----

    @Test
    void optionsIteratorWalksInPlaceWithKindLengthAndValueOffset() {
        TcpPacket p = wrapped(TcpGolden.SYN);
        List<int[]> seen = new ArrayList<>();
        for (int pos = p.firstOption(); pos >= 0; pos = p.nextOption(pos)) {
            seen.add(new int[] {pos, p.optionKind(pos), p.optionLength(pos), p.optionValueOffset(pos)});
        }
        assertThat(seen).containsExactly(
                new int[] {20, 2, 4, 22}, new int[] {24, 4, 2, 26}, new int[] {26, 8, 10, 28},
                new int[] {36, 1, 1, 37}, new int[] {37, 3, 3, 39});
        assertThat(Bytes.u16(TcpGolden.SYN, p.optionValueOffset(p.findOption(TcpOption.KIND_MSS)))).isEqualTo(1460);
        assertThat(p.findOption(TcpOption.KIND_SACK)).isEqualTo(-1);
    }

    @Test
    void viewAtAnOffsetInALargerBuffer() {
        byte[] b = new byte[7 + TcpGolden.DATA.length + 5];
        System.arraycopy(TcpGolden.DATA, 0, b, 7, TcpGolden.DATA.length);
        assertThat(tcp.wrap(b, 7, TcpGolden.DATA.length)).isEqualTo(WireError.OK);
        assertThat(tcp.offset()).isEqualTo(7);
        assertThat(tcp.firstOption()).isEqualTo(27);
        assertThat(tcp.payloadOffset()).isEqualTo(7 + 32);
        assertThat(tcp.verifyChecksumV4(CLIENT, SERVER)).isTrue();
        assertThat(TcpRepr.parse(tcp)).isEqualTo(TcpRepr.parse(wrapped(TcpGolden.DATA)));
    }

    // ---- validation rules ----

    /** A 20-byte header plus {@code options}, data offset set to cover them. */
    private static byte[] withOptions(String optionsHex) {
        byte[] o = Bytes.fromHex(optionsHex);
        byte[] b = Arrays.copyOf(TcpGolden.RST, 20 + o.length);
        System.arraycopy(o, 0, b, 20, o.length);
        b[12] = (byte) (((20 + o.length) / 4) << 4);
        return b;
    }

    private WireError wrap(byte[] b) {
        return tcp.wrap(b, 0, b.length);
    }

    @Test
    void fewerThanTwentyBytesIsTruncated() {
        assertThat(tcp.wrap(TcpGolden.RST, 0, 19)).isEqualTo(WireError.TRUNCATED);
        assertThat(tcp.wrap(TcpGolden.RST, 1, 20)).isEqualTo(WireError.TRUNCATED);
        assertThat(tcp.wrap(TcpGolden.RST, -1, 20)).isEqualTo(WireError.TRUNCATED);
        assertThat(tcp.wrap(TcpGolden.RST, 1, Integer.MAX_VALUE)).isEqualTo(WireError.TRUNCATED);
    }

    @Test
    void rfc9293Section3_1DataOffsetBelowFiveWordsIsRefused() {
        // RFC 9293 3.1: "Data Offset (DOffset): 4 bits. The number of 32-bit words in the TCP
        // Header." The fixed header alone is 5 words; Linux tcp_v4_rcv drops doff < 5.
        byte[] b = TcpGolden.RST.clone();
        b[12] = 0x40;
        assertThat(wrap(b)).isEqualTo(WireError.BAD_HEADER_LENGTH);
    }

    @Test
    void rfc9293Section3_1DataOffsetPastTheSegmentIsRefused() {
        // Data offset 15 (60 bytes) on a 40-byte segment: the header cannot end past the data.
        byte[] b = TcpGolden.SYN.clone();
        b[12] = (byte) 0xf0;
        assertThat(wrap(b)).isEqualTo(WireError.BAD_HEADER_LENGTH);
        assertThat(tcp.wrap(TcpGolden.SYN, 0, 39)).isEqualTo(WireError.BAD_HEADER_LENGTH);
    }

    @Test
    void rfc9293Section3_2IllegalOptionLengthIsRefused() {
        // RFC 9293 3.2 (MUST-7): "a TCP implementation MUST be prepared to handle an illegal
        // option length (e.g., zero)". "The option-length counts the two octets of option-kind
        // and option-length", so 0 and 1 are illegal.
        assertThat(wrap(withOptions("1e00 0000"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("1e01 0000"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc9293Section3_2OptionRunningPastTheHeaderIsRefused() {
        assertThat(wrap(withOptions("0101 1e03"))).isEqualTo(WireError.BAD_OPTION);
        // A kind byte in the header's last byte leaves no room for its length byte.
        assertThat(wrap(withOptions("010101 1e"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc9293Section3_2NopIsOneByteAndUnknownKindsAreSkippedByLength() {
        // RFC 9293 3.2 (MUST-6): "MUST ignore without error any TCP option it does not implement,
        // assuming that the option has a length field".
        assertThat(wrap(withOptions("01 01 01 01"))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("fd06 01020304 0101"))).isEqualTo(WireError.OK);
        TcpPacket p = tcp;
        assertThat(p.nextOption(p.firstOption())).isEqualTo(26);
    }

    @Test
    void rfc9293Section3_2EndOfOptionListEndsTheListAndPaddingIsNotRead() {
        // RFC 9293 3.2: EOL "is used at the end of all options"; "the content of the header
        // beyond the End of Option List Option must be header padding". Bytes after it that would
        // be a malformed option are not read, and are kept for re-emission.
        byte[] b = withOptions("020405b4 00 1e00ff");
        assertThat(wrap(b)).isEqualTo(WireError.OK);
        TcpRepr r = TcpRepr.parse(tcp);
        assertThat(r.options()).containsExactly(new TcpOption.Mss(1460), TcpOption.EOL);
        assertThat(r.optionTrailer()).isEqualTo(Bytes.fromHex("1e00ff"));
        byte[] out = new byte[r.headerLength()];
        r.emit(out, 0);
        assertThat(out).isEqualTo(b);
    }

    @Test
    void rfc9293Section3_2MssLengthMustBeFour() {
        // RFC 9293 3.2: Maximum Segment Size, "Kind: 2 ... Length: 4".
        assertThat(wrap(withOptions("020405b4"))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("020305 01"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("020505b400 010101"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc7323Section2_2WindowScaleLengthMustBeThree() {
        // RFC 7323 2.2: "Kind: 3 Length: 3 bytes".
        assertThat(wrap(withOptions("01 030307"))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("0302 0101"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("03040700"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc2018Section2SackPermittedLengthMustBeTwo() {
        // RFC 2018 2: SACK-Permitted "Kind: 4 Length: 2".
        assertThat(wrap(withOptions("0101 0402"))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("040300 01"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc7323Section3_2TimestampsLengthMustBeTen() {
        // RFC 7323 3.2: "Kind: 8 Length: 10 bytes".
        assertThat(wrap(withOptions("0101 080a 00000001 00000002"))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("0101 0808 00000001 0000 0101"))).isEqualTo(WireError.BAD_OPTION);
    }

    @Test
    void rfc2018Section3SackLengthIsTwoPlusEightPerBlockForOneToFourBlocks() {
        // RFC 2018 3: "A SACK option that specifies n blocks will have a length of 8*n+2 bytes, so
        // the 40 bytes available for TCP options can specify a maximum of 4 blocks."
        String block = "00000010 00000020";
        assertThat(wrap(withOptions("0101 050a " + block))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("0101 0522 " + block.repeat(4)))).isEqualTo(WireError.OK);
        assertThat(TcpRepr.parse(tcp).sackBlocks()).hasSize(4);
        assertThat(wrap(withOptions("0101 0502"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("0101 050b " + block + " 00 010101"))).isEqualTo(WireError.BAD_OPTION);
        assertThat(wrap(withOptions("0101 0512 " + block + " 0000 0000 0000 0000"))).isEqualTo(WireError.OK);
        assertThat(wrap(withOptions("0101 0506 00000010"))).isEqualTo(WireError.BAD_OPTION);
    }

    // ---- flags as tcpdump prints them ----

    @Test
    void flagsStringFollowsTcpdumpLetterOrder() {
        // tcpdump print-tcp.c tcp_flag_values: F S R P . U E W e, "none" when no bit matches.
        assertThat(TcpRepr.flagsString(TcpPacket.SYN)).isEqualTo("[S]");
        assertThat(TcpRepr.flagsString(TcpPacket.SYN | TcpPacket.ACK)).isEqualTo("[S.]");
        assertThat(TcpRepr.flagsString(TcpPacket.PSH | TcpPacket.ACK)).isEqualTo("[P.]");
        assertThat(TcpRepr.flagsString(TcpPacket.FIN | TcpPacket.ACK)).isEqualTo("[F.]");
        assertThat(TcpRepr.flagsString(TcpPacket.RST)).isEqualTo("[R]");
        assertThat(TcpRepr.flagsString(TcpPacket.ACK)).isEqualTo("[.]");
        // An ECN-setup SYN (RFC 3168 6.1.1) and its SYN-ACK.
        assertThat(TcpRepr.flagsString(TcpPacket.SYN | TcpPacket.ECE | TcpPacket.CWR)).isEqualTo("[SEW]");
        assertThat(TcpRepr.flagsString(TcpPacket.SYN | TcpPacket.ACK | TcpPacket.ECE)).isEqualTo("[S.E]");
        assertThat(TcpRepr.flagsString(TcpPacket.FLAGS_MASK)).isEqualTo("[FSRP.UEWe]");
        assertThat(TcpRepr.flagsString(0)).isEqualTo("[none]");
        assertThat(TcpRepr.flagsString(0x200)).isEqualTo("[none]");
    }

    @Test
    void aeAndReservedBitsAreReadAndKept() {
        byte[] b = TcpGolden.RST.clone();
        b[12] = 0x5f; // data offset 5, reserved bits and AE all set
        TcpPacket p = wrapped(b);
        assertThat(p.ae()).isTrue();
        assertThat(p.flags()).isEqualTo(0xf14);
        TcpRepr r = TcpRepr.parse(p);
        byte[] out = new byte[20];
        r.emit(out, 0);
        assertThat(out).isEqualTo(b);
    }

    // ---- setters ----

    @Test
    void natRewriteOfPortAndAddressKeepsTheChecksumValid() {
        // SNAT 10.0.0.1:40001 -> 192.0.2.7:61000, as conntrack's nf_nat_ipv4_manip_pkt + tcp_manip_pkt do.
        byte[] b = TcpGolden.DATA.clone();
        TcpPacket p = wrapped(b);
        int natAddr = Ipv4Address.parse("192.0.2.7").bits();
        p.setSrcPort(61000);
        p.adjustChecksumForAddressV4(CLIENT, natAddr);
        assertThat(p.verifyChecksumV4(natAddr, SERVER)).isTrue();
        assertThat(p.srcPort()).isEqualTo(61000);
    }

    @Test
    void setFlagsKeepsDataOffset() {
        byte[] b = TcpGolden.DATA.clone();
        TcpPacket p = wrapped(b);
        p.setFlags(TcpPacket.ACK | TcpPacket.ECE);
        assertThat(p.dataOffset()).isEqualTo(8);
        assertThat(p.flags()).isEqualTo(TcpPacket.ACK | TcpPacket.ECE);
        assertThat(p.verifyChecksumV4(CLIENT, SERVER)).isTrue();
    }

    // ---- the record ----

    @Test
    void reprRefusesWhatCannotBeOnTheWire() {
        List<TcpOption> sacks = List.of(new TcpOption.Sack(List.of(new TcpOption.Sack.Block(1, 2),
                new TcpOption.Sack.Block(3, 4), new TcpOption.Sack.Block(5, 6), new TcpOption.Sack.Block(7, 8))));
        List<TcpOption> tooMany = new ArrayList<>(sacks);
        tooMany.add(new TcpOption.Timestamps(1, 2));
        assertThatThrownBy(() -> new TcpRepr(1, 2, 0, 0, TcpPacket.ACK, 0, tooMany, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("44 bytes");
        assertThatThrownBy(() -> new TcpRepr(1, 2, 0, 0, 0, 0, List.of(TcpOption.EOL, TcpOption.NOP), 0))
                .hasMessageContaining("EOL must be the last option");
        assertThatThrownBy(() -> new TcpRepr(1, 2, 0, 0, 0, 0, 0, 0, List.of(TcpOption.NOP), new byte[3], 0))
                .hasMessageContaining("must follow an EOL");
        assertThatThrownBy(() -> new TcpRepr(1, 2, 1L << 32, 0, 0, 0, List.of(), 0))
                .hasMessageContaining("unsigned 32-bit");
        assertThatThrownBy(() -> new TcpRepr(70000, 2, 0, 0, 0, 0, List.of(), 0))
                .hasMessageContaining("source port must be 0..65535, got 70000");
    }

    @Test
    void emitPadsOddOptionsWithZeroBytes() {
        TcpRepr r = new TcpRepr(1, 2, 3, 4, TcpPacket.SYN, 5, List.of(new TcpOption.WindowScale(7)), 0);
        assertThat(r.headerLength()).isEqualTo(24);
        byte[] out = new byte[24];
        Arrays.fill(out, (byte) 0xee);
        r.emit(out, 0);
        assertThat(Bytes.hex(out, 20, 4)).isEqualTo("03030700");
        assertThat(tcp.wrap(out, 0, 24)).isEqualTo(WireError.OK);
        assertThat(TcpRepr.parse(tcp).options()).containsExactly(new TcpOption.WindowScale(7), TcpOption.EOL);
    }
}
