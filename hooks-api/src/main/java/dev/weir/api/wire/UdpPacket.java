package dev.weir.api.wire;

/**
 * A view over a UDP datagram (RFC 768), header and payload.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             data ...
 * </pre>
 *
 * <p>The length field counts header and data and bounds the datagram: bytes the IP layer hands
 * over beyond it are not part of the view (Linux's {@code udp_rcv} trims them the same way).
 *
 * <p>Checksum zero is special. Over IPv4 it means the sender computed none (RFC 768), so it
 * verifies, and a computed zero is sent as {@code 0xffff}. Over IPv6 the checksum is mandatory
 * and a zero one does not verify (RFC 8200 section 8.1). The setters leave a zero checksum zero,
 * as Linux's NAT does ({@code udp_manip_pkt}), and never store a computed zero.
 */
public final class UdpPacket {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int HEADER_LEN = 8;

    /** IP protocol number of UDP, for the pseudo-header. */
    private static final int PROTOCOL = 17;

    private byte[] buf;
    private int off;
    private int len;

    /**
     * Validates the datagram at {@code off}, with {@code len} bytes available (the IP payload).
     * Returns {@link WireError#TRUNCATED} when fewer than 8 bytes are there, and
     * {@link WireError#BAD_LENGTH} when the length field is below 8 or above {@code len}
     * (RFC 768: "the minimum value of the length is eight"). On anything but OK the view holds
     * nothing and must not be read. IPv6 jumbograms (RFC 2675, length field 0) are not accepted.
     */
    public WireError wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (off < 0 || len < HEADER_LEN || off > buf.length - len) {
            return WireError.TRUNCATED;
        }
        int n = Bytes.u16(buf, off + LENGTH_OFFSET);
        if (n < HEADER_LEN || n > len) {
            return WireError.BAD_LENGTH;
        }
        this.buf = buf;
        this.off = off;
        this.len = n;
        return WireError.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Offset of the datagram's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** The length field: header plus payload, what the view covers and the pseudo-header counts. */
    public int length() {
        return len;
    }

    public int srcPort() {
        return Bytes.u16(buf, off + SRC_PORT_OFFSET);
    }

    public int dstPort() {
        return Bytes.u16(buf, off + DST_PORT_OFFSET);
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    public int payloadLength() {
        return len - HEADER_LEN;
    }

    // ---- checksum ----

    /** Verifies over the IPv4 pseudo-header; a zero checksum means none was sent and verifies (RFC 768). */
    public boolean verifyChecksumV4(int src, int dst) {
        return checksum() == 0 || sumsToOnes(Checksum.pseudoHeaderV4(src, dst, PROTOCOL, len));
    }

    /** Verifies over the IPv6 pseudo-header; a zero checksum is invalid (RFC 8200 section 8.1). */
    public boolean verifyChecksumV6(long srcHi, long srcLo, long dstHi, long dstLo) {
        return checksum() != 0 && sumsToOnes(Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, PROTOCOL, len));
    }

    private boolean sumsToOnes(long pseudoHeaderSum) {
        return Checksum.fold(Checksum.add(pseudoHeaderSum, buf, off, len)) == 0xffff;
    }

    /** Computes and stores the checksum over the datagram and {@code pseudoHeaderSum}; a computed 0 is stored as 0xffff. */
    public void fillChecksum(long pseudoHeaderSum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, nonZero(Checksum.finish(Checksum.add(pseudoHeaderSum, buf, off, len))));
    }

    public void fillChecksumV4(int src, int dst) {
        fillChecksum(Checksum.pseudoHeaderV4(src, dst, PROTOCOL, len));
    }

    public void fillChecksumV6(long srcHi, long srcLo, long dstHi, long dstLo) {
        fillChecksum(Checksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, PROTOCOL, len));
    }

    /** Stores {@code checksum} as is (0 to send none over IPv4). */
    public void setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, checksum);
    }

    /** RFC 768: "If the computed checksum is zero, it is transmitted as all ones". */
    static int nonZero(int checksum) {
        return checksum == 0 ? 0xffff : checksum;
    }

    // ---- setters with incremental checksum update (RFC 1624) ----

    public void setSrcPort(int port) {
        replace16(SRC_PORT_OFFSET, port);
    }

    public void setDstPort(int port) {
        replace16(DST_PORT_OFFSET, port);
    }

    /** Adjusts the checksum for an IPv4 pseudo-header address changing (NAT); a zero checksum stays zero. */
    public void adjustChecksumForAddressV4(int oldAddr, int newAddr) {
        int c = checksum();
        if (c != 0) {
            setChecksum(nonZero(Checksum.update32(c, oldAddr, newAddr)));
        }
    }

    /** As {@link #adjustChecksumForAddressV4} for an IPv6 address. */
    public void adjustChecksumForAddressV6(long oldHi, long oldLo, long newHi, long newLo) {
        int c = checksum();
        if (c != 0) {
            setChecksum(nonZero(Checksum.update128(c, oldHi, oldLo, newHi, newLo)));
        }
    }

    private void replace16(int field, int value) {
        int at = off + field;
        int old = Bytes.u16(buf, at);
        Bytes.put16(buf, at, value);
        int c = checksum();
        if (c != 0) {
            setChecksum(nonZero(Checksum.update16(c, old, value & 0xffff)));
        }
    }
}
