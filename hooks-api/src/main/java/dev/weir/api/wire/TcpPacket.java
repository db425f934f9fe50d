package dev.weir.api.wire;

/**
 * A view over a TCP segment (RFC 9293 section 3.1), header and payload.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Options (0..40 bytes)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             data ...
 * </pre>
 *
 * <p>The twelve bits after the data offset are {@link #flags()}: the eight control bits of RFC
 * 9293 in the low byte, AE (the former ECN nonce bit, RFC 3540, now Accurate ECN's) at
 * {@code 0x100}, and the three reserved bits above it, kept so a header round-trips.
 *
 * <p>{@link #wrap} validates once: the fixed header, the data offset, and every option's length
 * (see {@link #wrap}). After {@link WireError#OK} no accessor can fail, and the options can be
 * walked in place without allocating:
 *
 * <pre>{@code
 * for (int p = tcp.firstOption(); p >= 0; p = tcp.nextOption(p)) {
 *     if (tcp.optionKind(p) == TcpOption.KIND_MSS) {
 *         int mss = Bytes.u16(tcp.buffer(), tcp.optionValueOffset(p));
 *     }
 * }
 * }</pre>
 *
 * <p>The segment's length comes from the IP layer (total length minus IP header), so the view
 * covers exactly {@code len} bytes. Setters that programs use to rewrite a header (NAT,
 * sequence-number shifting) update the checksum incrementally (RFC 1624), as Linux's
 * {@code inet_proto_csum_replace*} does, so a program never recomputes the whole sum.
 */
public final class TcpPacket {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int SEQ_OFFSET = 4;
    public static final int ACK_OFFSET = 8;
    /** The 16-bit word holding data offset (top 4 bits) and {@link #flags()} (low 12 bits). */
    public static final int DATA_OFFSET_FLAGS_OFFSET = 12;
    public static final int WINDOW_OFFSET = 14;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int URGENT_OFFSET = 18;
    /** Length of the header without options; also where options start. */
    public static final int HEADER_LEN = 20;
    /** Longest header: data offset 15 words. */
    public static final int MAX_HEADER_LEN = 60;

    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    /** ECN-Echo (RFC 3168 section 6.1). */
    public static final int ECE = 0x040;
    /** Congestion Window Reduced (RFC 3168 section 6.1). */
    public static final int CWR = 0x080;
    /** AE, bit 7 of the header's fourth word: RFC 3540's NS bit, reused by Accurate ECN. */
    public static final int AE = 0x100;
    /** All twelve bits after the data offset: the control bits, AE and the three reserved bits. */
    public static final int FLAGS_MASK = 0xfff;

    /** IP protocol number of TCP, for the pseudo-header. */
    private static final int PROTOCOL = 6;

    private byte[] buf;
    private int off;
    private int len;
    private int hlen;

    /**
     * Validates {@code len} bytes at {@code off} as a TCP segment. Returns
     * <ul>
     * <li>{@link WireError#TRUNCATED} when fewer than 20 bytes are there;
     * <li>{@link WireError#BAD_HEADER_LENGTH} when the data offset is below 5 words or the header
     *     it gives runs past {@code len} (RFC 9293 section 3.1; Linux's {@code tcp_v4_rcv} drops
     *     both);
     * <li>{@link WireError#BAD_OPTION} when an option is malformed (RFC 9293 section 3.2, MUST-7):
     *     a kind other than EOL or NOP without room for its length byte, a length below 2 or past
     *     the header, or a known kind with the wrong length: MSS 4, window scale 3 (RFC 7323
     *     section 2.2), SACK-permitted 2 (RFC 2018 section 2), timestamps 10 (RFC 7323 section
     *     3.2), SACK 2 + 8n with n = 1..4 (RFC 2018 section 3). EOL ends the list; the bytes after
     *     it are padding and not read. Linux is more lenient: its {@code tcp_parse_options}
     *     stops at a malformed option and ignores a known kind of the wrong length rather than
     *     drop the segment.
     * </ul>
     * On anything but OK the view holds nothing and must not be read. The checksum is not
     * checked here: it needs the pseudo-header (see {@link #verifyChecksumV4}).
     */
    public WireError wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (off < 0 || len < HEADER_LEN || off > buf.length - len) {
            return WireError.TRUNCATED;
        }
        int h = (Bytes.u8(buf, off + DATA_OFFSET_FLAGS_OFFSET) >>> 4) * 4;
        if (h < HEADER_LEN || h > len) {
            return WireError.BAD_HEADER_LENGTH;
        }
        int end = off + h;
        int p = off + HEADER_LEN;
        while (p < end) {
            int kind = Bytes.u8(buf, p);
            if (kind == TcpOption.KIND_EOL) {
                break;
            }
            if (kind == TcpOption.KIND_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return WireError.BAD_OPTION;
            }
            int n = Bytes.u8(buf, p + 1);
            if (n < 2 || n > end - p || !lengthFitsKind(kind, n)) {
                return WireError.BAD_OPTION;
            }
            p += n;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.hlen = h;
        return WireError.OK;
    }

    private static boolean lengthFitsKind(int kind, int n) {
        return switch (kind) {
            case TcpOption.KIND_MSS -> n == 4;
            case TcpOption.KIND_WINDOW_SCALE -> n == 3;
            case TcpOption.KIND_SACK_PERMITTED -> n == 2;
            case TcpOption.KIND_TIMESTAMPS -> n == 10;
            case TcpOption.KIND_SACK -> n >= 10 && n <= 2 + 8 * TcpOption.Sack.MAX_BLOCKS && (n - 2) % 8 == 0;
            default -> true;
        };
    }

    public byte[] buffer() {
        return buf;
    }

    /** Offset of the segment's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** Length of the whole segment, header and payload: what the pseudo-header counts. */
    public int length() {
        return len;
    }

    public int srcPort() {
        return Bytes.u16(buf, off + SRC_PORT_OFFSET);
    }

    public int dstPort() {
        return Bytes.u16(buf, off + DST_PORT_OFFSET);
    }

    /** The sequence number's 32 bits; compare with {@link TcpSeq}, print with {@link Integer#toUnsignedString(int)}. */
    public int seqNumber() {
        return Bytes.i32(buf, off + SEQ_OFFSET);
    }

    /** The acknowledgment number's 32 bits (meaningful when {@link #ack()} is set). */
    public int ackNumber() {
        return Bytes.i32(buf, off + ACK_OFFSET);
    }

    /** Data offset in 32-bit words, 5..15. */
    public int dataOffset() {
        return hlen / 4;
    }

    /** Header length in bytes, options included: where the payload starts, relative to the segment. */
    public int headerLength() {
        return hlen;
    }

    /** The twelve bits after the data offset: {@link #FIN} ... {@link #CWR}, {@link #AE}, reserved bits. */
    public int flags() {
        return Bytes.u16(buf, off + DATA_OFFSET_FLAGS_OFFSET) & FLAGS_MASK;
    }

    public boolean fin() {
        return (flags() & FIN) != 0;
    }

    public boolean syn() {
        return (flags() & SYN) != 0;
    }

    public boolean rst() {
        return (flags() & RST) != 0;
    }

    public boolean psh() {
        return (flags() & PSH) != 0;
    }

    /** The ACK control bit (the acknowledgment number is {@link #ackNumber()}). */
    public boolean ack() {
        return (flags() & ACK) != 0;
    }

    public boolean urg() {
        return (flags() & URG) != 0;
    }

    public boolean ece() {
        return (flags() & ECE) != 0;
    }

    public boolean cwr() {
        return (flags() & CWR) != 0;
    }

    public boolean ae() {
        return (flags() & AE) != 0;
    }

    /** The window field as sent, before any window scaling. */
    public int window() {
        return Bytes.u16(buf, off + WINDOW_OFFSET);
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    public int urgentPointer() {
        return Bytes.u16(buf, off + URGENT_OFFSET);
    }

    /** Absolute offset of the options in {@link #buffer()}. */
    public int optionsOffset() {
        return off + HEADER_LEN;
    }

    /** Bytes between the fixed header and the payload (options and padding), 0..40. */
    public int optionsLength() {
        return hlen - HEADER_LEN;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + hlen;
    }

    public int payloadLength() {
        return len - hlen;
    }

    /** SEG.LEN of RFC 9293 section 3.4: payload bytes plus one each for SYN and FIN. */
    public int sequenceLength() {
        int f = flags();
        return payloadLength() + (f & SYN) / SYN + (f & FIN);
    }

    // ---- options, walked in place ----

    /** Absolute position of the first option, or -1 when the header has none. */
    public int firstOption() {
        return hlen > HEADER_LEN ? off + HEADER_LEN : -1;
    }

    /** Position of the option after the one at {@code pos}, or -1 after the last one and after EOL. */
    public int nextOption(int pos) {
        if (Bytes.u8(buf, pos) == TcpOption.KIND_EOL) {
            return -1;
        }
        int next = pos + optionLength(pos);
        return next < off + hlen ? next : -1;
    }

    /** Kind byte of the option at {@code pos}. */
    public int optionKind(int pos) {
        return Bytes.u8(buf, pos);
    }

    /** Length of the option at {@code pos}, kind and length bytes included (1 for EOL and NOP). */
    public int optionLength(int pos) {
        int kind = Bytes.u8(buf, pos);
        return kind == TcpOption.KIND_EOL || kind == TcpOption.KIND_NOP ? 1 : Bytes.u8(buf, pos + 1);
    }

    /** Absolute offset of the option's data (after kind and length); for EOL and NOP, the byte after them. */
    public int optionValueOffset(int pos) {
        int kind = Bytes.u8(buf, pos);
        return kind == TcpOption.KIND_EOL || kind == TcpOption.KIND_NOP ? pos + 1 : pos + 2;
    }

    /** Position of the first option of {@code kind} before any EOL, or -1. */
    public int findOption(int kind) {
        for (int p = firstOption(); p >= 0; p = nextOption(p)) {
            if (optionKind(p) == kind) {
                return p;
            }
        }
        return -1;
    }

    // ---- checksum ----

    /** True when the segment sums to all ones with {@code pseudoHeaderSum} (from {@link Checksum}). */
    public boolean verifyChecksum(long pseudoHeaderSum) {
        return Checksum.fold(Checksum.add(pseudoHeaderSum, buf, off, len)) == 0xffff;
    }

    /** Verifies over the IPv4 pseudo-header (RFC 9293 section 3.1). */
    public boolean verifyChecksumV4(int src, int dst) {
        return verifyChecksum(Checksum.pseudoHeaderV4(src, dst, PROTOCOL, len));
    }

    /** Verifies over the IPv6 pseudo-header (RFC 8200 section 8.1). */
    public boolean verifyChecksumV6(long srcHi, long srcLo, long dstHi, long dstLo) {
        return verifyChecksum(Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, PROTOCOL, len));
    }

    /** Computes the checksum over the segment and {@code pseudoHeaderSum} and stores it. */
    public void fillChecksum(long pseudoHeaderSum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, Checksum.finish(Checksum.add(pseudoHeaderSum, buf, off, len)));
    }

    public void fillChecksumV4(int src, int dst) {
        fillChecksum(Checksum.pseudoHeaderV4(src, dst, PROTOCOL, len));
    }

    public void fillChecksumV6(long srcHi, long srcLo, long dstHi, long dstLo) {
        fillChecksum(Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, PROTOCOL, len));
    }

    /** Stores {@code checksum} as is (for tests and programs that compute their own). */
    public void setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, checksum);
    }

    // ---- setters with incremental checksum update (RFC 1624) ----

    public void setSrcPort(int port) {
        replace16(SRC_PORT_OFFSET, port);
    }

    public void setDstPort(int port) {
        replace16(DST_PORT_OFFSET, port);
    }

    public void setSeqNumber(int seq) {
        replace32(SEQ_OFFSET, seq);
    }

    public void setAckNumber(int ack) {
        replace32(ACK_OFFSET, ack);
    }

    public void setWindow(int window) {
        replace16(WINDOW_OFFSET, window);
    }

    /** Replaces the twelve flag bits (control bits, AE, reserved); the data offset stays. */
    public void setFlags(int flags) {
        int old = Bytes.u16(buf, off + DATA_OFFSET_FLAGS_OFFSET);
        replace16(DATA_OFFSET_FLAGS_OFFSET, (old & ~FLAGS_MASK) | (flags & FLAGS_MASK));
    }

    /**
     * Adjusts the checksum for an IPv4 address in the pseudo-header changing from {@code oldAddr}
     * to {@code newAddr}: what NAT does to TCP after rewriting the IP header (Linux's
     * {@code inet_proto_csum_replace4} with {@code pseudohdr} true).
     */
    public void adjustChecksumForAddressV4(int oldAddr, int newAddr) {
        setChecksum(Checksum.update32(checksum(), oldAddr, newAddr));
    }

    /** As {@link #adjustChecksumForAddressV4} for an IPv6 address ({@code inet_proto_csum_replace16}). */
    public void adjustChecksumForAddressV6(long oldHi, long oldLo, long newHi, long newLo) {
        setChecksum(Checksum.update128(checksum(), oldHi, oldLo, newHi, newLo));
    }

    private void replace16(int field, int value) {
        int at = off + field;
        int old = Bytes.u16(buf, at);
        Bytes.put16(buf, at, value);
        setChecksum(Checksum.update16(checksum(), old, value & 0xffff));
    }

    private void replace32(int field, int value) {
        int at = off + field;
        int old = Bytes.i32(buf, at);
        Bytes.put32(buf, at, value);
        setChecksum(Checksum.update32(checksum(), old, value));
    }
}
