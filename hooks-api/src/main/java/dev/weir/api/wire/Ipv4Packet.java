package dev.weir.api.wire;

/**
 * A view over an IPv4 header and the datagram it heads (RFC 791 section 3.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |    DSCP   |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |0|D|M|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * (DSCP and ECN replace the Type of Service octet: RFC 2474, RFC 3168.)
 *
 * <p>{@link #wrap} makes the checks RFC 1812 section 5.2.2 lists for a router and RFC 1122
 * section 3.2.1 for a host, in the order Linux's {@code ip_rcv_core} makes them:
 * <ol>
 *   <li>at least 20 bytes, else TRUNCATED;
 *   <li>version 4, else BAD_VERSION;
 *   <li>IHL at least 5, else BAD_HEADER_LENGTH; the IHL*4 header bytes present, else TRUNCATED;
 *   <li>the header checksum verifies, else BAD_CHECKSUM (not by {@link #wrapNoChecksum});
 *   <li>the total length no more than the bytes present, else TRUNCATED, and at least IHL*4,
 *       else BAD_LENGTH;
 *   <li>the options well formed ({@link Ipv4Options#check}), else BAD_OPTION.
 * </ol>
 * Bytes past the total length (Ethernet padding) are not part of the datagram:
 * {@link #payloadLength()} comes from the total length. Address rules that need no routing
 * table are in {@link #checkAddresses()}, for the IP stage to apply after wrap.
 *
 * <p>A view is a reusable flyweight: after OK every accessor is in bounds. Setters of header
 * fields keep the header checksum right by incremental update (RFC 1624), as Linux's
 * {@code csum_replace2}/{@code csum_replace4} do, so a forwarder or NAT never recomputes it;
 * a builder that fills every field may instead finish with {@link #fillChecksum()}.
 */
public final class Ipv4Packet {
    public static final int VERSION_IHL_OFFSET = 0;
    public static final int TOS_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SRC_OFFSET = 12;
    public static final int DST_OFFSET = 16;
    public static final int OPTIONS_OFFSET = 20;
    /** Length of a header without options (IHL 5). */
    public static final int HEADER_LEN = 20;
    /** Length of a header with the most options (IHL 15). */
    public static final int MAX_HEADER_LEN = 60;
    public static final int MAX_TOTAL_LENGTH = 65535;

    /** The reserved flag (RFC 791: must be zero). */
    public static final int FLAG_RESERVED = 0x8000;
    /** Don't Fragment. */
    public static final int FLAG_DF = 0x4000;
    /** More Fragments. */
    public static final int FLAG_MF = 0x2000;
    /** The fragment offset's bits in the flags/fragment word, in units of 8 bytes. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    private static final int VERIFY = 0;
    private static final int NO_CHECKSUM = 1;
    private static final int QUOTED = 2;

    private byte[] buf;
    private int off;
    /** End of the bytes handed to wrap. */
    private int limit;
    /** End of the datagram: off + total length, or less for a cut quote. */
    private int end;

    /** Validates a received datagram at {@code off}, checksum included. On anything but OK the view must not be read. */
    public WireError wrap(byte[] buf, int off, int len) {
        return wrap(buf, off, len, VERIFY);
    }

    /**
     * As {@link #wrap} but without verifying the header checksum: for a path where the NIC
     * verified it (checksum offload, {@code CHECKSUM_UNNECESSARY}) or for a header being built
     * in place, which {@link #fillChecksum()} then completes.
     */
    public WireError wrapNoChecksum(byte[] buf, int off, int len) {
        return wrap(buf, off, len, NO_CHECKSUM);
    }

    /**
     * Wraps the IPv4 header quoted inside an ICMP error (RFC 792: the header and the first 8
     * data bytes, RFC 1812 section 4.3.2.3: as much as fits). The quote is cut, so the total
     * length may exceed the bytes at hand; {@link #payloadLength()} is then what is present. The
     * checksum is not verified (as Linux's {@code icmp_unreach}, which reads the quote as is);
     * version, IHL, total length not below the header, and options are still checked.
     */
    public WireError wrapQuoted(byte[] buf, int off, int len) {
        return wrap(buf, off, len, QUOTED);
    }

    private WireError wrap(byte[] buf, int off, int len, int mode) {
        this.buf = null;
        if (Views.outside(buf, off, len) || len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        int vihl = buf[off] & 0xff;
        if ((vihl >>> 4) != 4) {
            return WireError.BAD_VERSION;
        }
        int hl = (vihl & 0x0f) * 4;
        if (hl < HEADER_LEN) {
            return WireError.BAD_HEADER_LENGTH;
        }
        if (hl > len) {
            return WireError.TRUNCATED;
        }
        if (mode == VERIFY && !Checksum.verifies(buf, off, hl)) {
            return WireError.BAD_CHECKSUM;
        }
        int total = Bytes.u16(buf, off + TOTAL_LENGTH_OFFSET);
        if (total > len && mode != QUOTED) {
            return WireError.TRUNCATED;
        }
        if (total < hl) {
            return WireError.BAD_LENGTH;
        }
        if (hl > HEADER_LEN && Ipv4Options.badOptionAt(buf, off + HEADER_LEN, off + hl) >= 0) {
            return WireError.BAD_OPTION;
        }
        this.buf = buf;
        this.off = off;
        this.limit = off + len;
        this.end = off + Math.min(total, len);
        return WireError.OK;
    }

    /**
     * Address rules that need no routing table: the source may be neither a multicast address
     * (RFC 1112 section 4, RFC 1812 section 5.3.7) nor the limited broadcast address
     * (RFC 1122 section 3.2.1.3 (c)). BAD_ADDRESS when broken, else OK. Linux applies these in
     * its route lookup as "martian source"; a host silently discards such a datagram.
     */
    public WireError checkAddresses() {
        int src = src();
        if ((src & 0xf000_0000) == 0xe000_0000 || src == -1) {
            return WireError.BAD_ADDRESS;
        }
        return WireError.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Offset of the header's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    public int version() {
        return (buf[off] & 0xff) >>> 4;
    }

    /** The header length in bytes (IHL * 4), options included. */
    public int headerLength() {
        return (buf[off] & 0x0f) * 4;
    }

    /** The former Type of Service octet: DSCP and ECN together. */
    public int tos() {
        return buf[off + TOS_OFFSET] & 0xff;
    }

    public int dscp() {
        return tos() >>> 2;
    }

    public int ecn() {
        return tos() & 0x3;
    }

    /** The total length field: header and data, in bytes. */
    public int totalLength() {
        return Bytes.u16(buf, off + TOTAL_LENGTH_OFFSET);
    }

    public int identification() {
        return Bytes.u16(buf, off + IDENTIFICATION_OFFSET);
    }

    /** The flags and fragment offset word as on the wire. */
    public int flagsAndFragmentOffset() {
        return Bytes.u16(buf, off + FLAGS_FRAGMENT_OFFSET);
    }

    public boolean reservedFlag() {
        return (flagsAndFragmentOffset() & FLAG_RESERVED) != 0;
    }

    public boolean dontFragment() {
        return (flagsAndFragmentOffset() & FLAG_DF) != 0;
    }

    public boolean moreFragments() {
        return (flagsAndFragmentOffset() & FLAG_MF) != 0;
    }

    /** The fragment offset field, in units of 8 bytes. */
    public int fragmentOffset() {
        return flagsAndFragmentOffset() & FRAGMENT_OFFSET_MASK;
    }

    /** Where this fragment's data sits in the original datagram's data, in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffset() * 8;
    }

    /** True for any fragment (more to follow, or not the first): what Linux's {@code ip_is_fragment} tests. */
    public boolean isFragment() {
        return (flagsAndFragmentOffset() & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    public int ttl() {
        return buf[off + TTL_OFFSET] & 0xff;
    }

    public int protocol() {
        return buf[off + PROTOCOL_OFFSET] & 0xff;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    /** True when the header checksum verifies now (wrap checked it, but setters or {@link #wrapNoChecksum} may not have). */
    public boolean checksumValid() {
        return Checksum.verifies(buf, off, headerLength());
    }

    public int src() {
        return Bytes.i32(buf, off + SRC_OFFSET);
    }

    public int dst() {
        return Bytes.i32(buf, off + DST_OFFSET);
    }

    /** Absolute offset of the options in {@link #buffer()}. */
    public int optionsOffset() {
        return off + OPTIONS_OFFSET;
    }

    /** Bytes of options: header length minus 20. */
    public int optionsLength() {
        return headerLength() - HEADER_LEN;
    }

    /** Absolute offset of the data after the header. */
    public int payloadOffset() {
        return off + headerLength();
    }

    /**
     * Bytes of data: total length minus header length; for a {@link #wrapQuoted quoted} header,
     * only the part present.
     */
    public int payloadLength() {
        return end - payloadOffset();
    }

    // Setters. Each keeps the checksum right by RFC 1624 incremental update of the 16-bit
    // word it changes.

    private void replace16(int fieldOffset, int newWord) {
        Views.replace16(buf, off + fieldOffset, off + CHECKSUM_OFFSET, newWord);
    }

    public void setTtl(int ttl) {
        Views.checkRange("IPv4 TTL", ttl, 255);
        replace16(TTL_OFFSET, (ttl << 8) | protocol());
    }

    /**
     * Decrements the TTL by one and returns the new value, fixing the checksum as Linux's
     * {@code ip_decrease_ttl} does: the checksum grows by 0x0100 with end-around carry. The TTL
     * must be at least 1 (RFC 1812 section 5.3.1: a router discards a datagram whose TTL would
     * reach 0 before forwarding it, so it decrements only TTLs above 1).
     */
    public int decrementTtl() {
        int ttl = ttl();
        if (ttl == 0) {
            throw new IllegalStateException("IPv4 TTL is already 0; check ttl() > 1 before forwarding (RFC 1812 section 5.3.1)");
        }
        int check = checksum() + 0x0100;
        check += check >= 0xffff ? 1 : 0;
        Bytes.put16(buf, off + CHECKSUM_OFFSET, check);
        buf[off + TTL_OFFSET] = (byte) (ttl - 1);
        return ttl - 1;
    }

    public void setProtocol(int protocol) {
        Views.checkRange("IPv4 protocol", protocol, 255);
        replace16(TTL_OFFSET, (ttl() << 8) | protocol);
    }

    /** Sets the whole former TOS octet (DSCP and ECN). */
    public void setTos(int tos) {
        Views.checkRange("IPv4 TOS", tos, 255);
        replace16(VERSION_IHL_OFFSET, ((buf[off] & 0xff) << 8) | tos);
    }

    public void setDscp(int dscp) {
        Views.checkRange("IPv4 DSCP", dscp, 63);
        setTos((dscp << 2) | ecn());
    }

    /** Sets the ECN field (RFC 3168: 3 is Congestion Experienced, as an AQM marks it). */
    public void setEcn(int ecn) {
        Views.checkRange("IPv4 ECN", ecn, 3);
        setTos((tos() & ~0x3) | ecn);
    }

    public void setIdentification(int id) {
        Views.checkRange("IPv4 identification", id, 0xffff);
        replace16(IDENTIFICATION_OFFSET, id);
    }

    public void setDontFragment(boolean df) {
        int w = flagsAndFragmentOffset();
        replace16(FLAGS_FRAGMENT_OFFSET, df ? w | FLAG_DF : w & ~FLAG_DF);
    }

    public void setMoreFragments(boolean mf) {
        int w = flagsAndFragmentOffset();
        replace16(FLAGS_FRAGMENT_OFFSET, mf ? w | FLAG_MF : w & ~FLAG_MF);
    }

    /** Sets the fragment offset, in units of 8 bytes (0..8191). */
    public void setFragmentOffset(int units) {
        Views.checkRange("IPv4 fragment offset", units, FRAGMENT_OFFSET_MASK);
        replace16(FLAGS_FRAGMENT_OFFSET, (flagsAndFragmentOffset() & ~FRAGMENT_OFFSET_MASK) | units);
    }

    /**
     * Sets the total length. It must cover the header and fit the bytes handed to wrap, so the
     * view stays in bounds (a datagram trimmed to a shorter length, or grown into room the
     * caller wrapped).
     */
    public void setTotalLength(int total) {
        int hl = headerLength();
        if (total < hl || total > limit - off) {
            throw new IllegalArgumentException("IPv4 total length " + total + " outside " + hl + ".." + (limit - off)
                    + " (header length .. bytes wrapped)");
        }
        replace16(TOTAL_LENGTH_OFFSET, total);
        end = off + total;
    }

    public void setSrc(int addr) {
        Views.replace32(buf, off + SRC_OFFSET, off + CHECKSUM_OFFSET, addr);
    }

    public void setDst(int addr) {
        Views.replace32(buf, off + DST_OFFSET, off + CHECKSUM_OFFSET, addr);
    }

    /** Sets the checksum field as is (a program that computed it itself). */
    public void setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, checksum);
    }

    /** Recomputes the header checksum from scratch (RFC 791: over the header, checksum field zero). */
    public void fillChecksum() {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, Checksum.internet(buf, off, headerLength()));
    }
}
