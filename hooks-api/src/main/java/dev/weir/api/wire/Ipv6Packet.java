package dev.weir.api.wire;

/**
 * A view over the fixed IPv6 header and the packet it heads (RFC 8200 section 3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                                                               +
 * |                         Source Address                        |
 * +                                                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                                                               +
 * |                      Destination Address                      |
 * +                                                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #wrap} checks, as Linux's {@code ipv6_rcv}: at least 40 bytes, else TRUNCATED;
 * version 6, else BAD_VERSION; the payload length no more than the bytes after the header,
 * else TRUNCATED. Bytes past the payload length (Ethernet padding) are not part of the packet.
 * Jumbograms (RFC 2675: payload length 0 and a Jumbo Payload option) are not supported: such a
 * packet reads as an empty payload. Extension headers are walked by {@link Ipv6ExtHeaders}.
 * The address rule that needs no routing table is in {@link #checkAddresses()}.
 *
 * <p>Addresses are handed out as two longs each (high and low 8 bytes, network order), to stay
 * allocation-free; {@link Ipv6Address} is their slow-path form. A view is a reusable
 * flyweight: after OK every accessor is in bounds. IPv6 has no header checksum; a NAT that
 * rewrites an address fixes the upper layer's checksum ({@link Checksum#update128}).
 */
public final class Ipv6Packet {
    public static final int VERSION_TC_FLOW_OFFSET = 0;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SRC_OFFSET = 8;
    public static final int DST_OFFSET = 24;
    public static final int HEADER_LEN = 40;
    /** The largest flow label (20 bits). */
    public static final int MAX_FLOW_LABEL = 0xf_ffff;

    private byte[] buf;
    private int off;
    /** End of the bytes handed to wrap. */
    private int limit;

    /** Validates an IPv6 packet at {@code off}. On anything but OK the view must not be read. */
    public WireError wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (Views.outside(buf, off, len) || len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        if ((buf[off] & 0xf0) != 0x60) {
            return WireError.BAD_VERSION;
        }
        if (Bytes.u16(buf, off + PAYLOAD_LENGTH_OFFSET) > len - HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        this.buf = buf;
        this.off = off;
        this.limit = off + len;
        return WireError.OK;
    }

    /**
     * The address rule that needs no routing table: a multicast source is BAD_ADDRESS
     * (RFC 4291 section 2.7: "Multicast addresses must not be used as source addresses"),
     * as Linux's {@code ipv6_rcv} drops it. OK otherwise.
     */
    public WireError checkAddresses() {
        return (srcHi() >>> 56) == 0xff ? WireError.BAD_ADDRESS : WireError.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int version() {
        return (buf[off] & 0xff) >>> 4;
    }

    public int trafficClass() {
        return (Bytes.u16(buf, off) >>> 4) & 0xff;
    }

    public int dscp() {
        return trafficClass() >>> 2;
    }

    public int ecn() {
        return trafficClass() & 0x3;
    }

    public int flowLabel() {
        return Bytes.i32(buf, off) & MAX_FLOW_LABEL;
    }

    /** Bytes after the fixed header, extension headers included. */
    public int payloadLength() {
        return Bytes.u16(buf, off + PAYLOAD_LENGTH_OFFSET);
    }

    /** The fixed header's next header: an extension header or the upper-layer protocol ({@link IpProtocol}). */
    public int nextHeader() {
        return buf[off + NEXT_HEADER_OFFSET] & 0xff;
    }

    public int hopLimit() {
        return buf[off + HOP_LIMIT_OFFSET] & 0xff;
    }

    public long srcHi() {
        return Bytes.i64(buf, off + SRC_OFFSET);
    }

    public long srcLo() {
        return Bytes.i64(buf, off + SRC_OFFSET + 8);
    }

    public long dstHi() {
        return Bytes.i64(buf, off + DST_OFFSET);
    }

    public long dstLo() {
        return Bytes.i64(buf, off + DST_OFFSET + 8);
    }

    /** Absolute offset of the payload (the first extension header, if any). */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    /** Header and payload: the packet's length. */
    public int totalLength() {
        return HEADER_LEN + payloadLength();
    }

    private void setFirstWord(int word) {
        Bytes.put32(buf, off, word);
    }

    public void setTrafficClass(int tc) {
        Views.checkRange("IPv6 traffic class", tc, 255);
        setFirstWord((6 << 28) | (tc << 20) | flowLabel());
    }

    public void setDscp(int dscp) {
        Views.checkRange("IPv6 DSCP", dscp, 63);
        setTrafficClass((dscp << 2) | ecn());
    }

    /** Sets the ECN field (RFC 3168: 3 is Congestion Experienced, as an AQM marks it). */
    public void setEcn(int ecn) {
        Views.checkRange("IPv6 ECN", ecn, 3);
        setTrafficClass((trafficClass() & ~0x3) | ecn);
    }

    public void setFlowLabel(int label) {
        Views.checkRange("IPv6 flow label", label, MAX_FLOW_LABEL);
        setFirstWord((6 << 28) | (trafficClass() << 20) | label);
    }

    /** Sets the payload length; it must fit the bytes handed to wrap, so the view stays in bounds. */
    public void setPayloadLength(int length) {
        if (length < 0 || length > limit - off - HEADER_LEN) {
            throw new IllegalArgumentException("IPv6 payload length " + length + " outside 0.." + (limit - off - HEADER_LEN)
                    + " (bytes wrapped after the fixed header)");
        }
        Bytes.put16(buf, off + PAYLOAD_LENGTH_OFFSET, length);
    }

    public void setNextHeader(int nextHeader) {
        Views.checkRange("IPv6 next header", nextHeader, 255);
        buf[off + NEXT_HEADER_OFFSET] = (byte) nextHeader;
    }

    public void setHopLimit(int hopLimit) {
        Views.checkRange("IPv6 hop limit", hopLimit, 255);
        buf[off + HOP_LIMIT_OFFSET] = (byte) hopLimit;
    }

    /**
     * Decrements the hop limit and returns the new value. It must be at least 1 (RFC 8200
     * section 3: a router discards a packet whose hop limit would reach 0, so checks first).
     */
    public int decrementHopLimit() {
        int h = hopLimit();
        if (h == 0) {
            throw new IllegalStateException("IPv6 hop limit is already 0; check hopLimit() > 1 before forwarding (RFC 8200 section 3)");
        }
        buf[off + HOP_LIMIT_OFFSET] = (byte) (h - 1);
        return h - 1;
    }

    public void setSrc(long hi, long lo) {
        Bytes.put64(buf, off + SRC_OFFSET, hi);
        Bytes.put64(buf, off + SRC_OFFSET + 8, lo);
    }

    public void setDst(long hi, long lo) {
        Bytes.put64(buf, off + DST_OFFSET, hi);
        Bytes.put64(buf, off + DST_OFFSET + 8, lo);
    }
}
