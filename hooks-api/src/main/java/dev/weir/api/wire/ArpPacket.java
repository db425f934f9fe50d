package dev.weir.api.wire;

/**
 * A view over an ARP packet (RFC 826) for Ethernet and IPv4, the only pairing Weir resolves.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Hardware type (1)         |     Protocol type (0x0800)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HW len (6)   | Proto len (4) |  Operation (1 request, 2 reply)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Sender hardware address (6 bytes)              |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Sender protocol address ...  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ... (4 bytes)                 |  Target hardware address ...  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                          ... (6 bytes)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Target protocol address (4 bytes)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #wrap} accepts only hardware type 1, protocol type 0x0800 and address lengths 6
 * and 4 ({@link WireError#BAD_FIELD} otherwise), and only the operations request and reply, the
 * two Linux's {@code arp_process} acts on. Bytes past the 28 of the packet (Ethernet padding to
 * the 60-byte minimum frame) are ignored. A view is a reusable flyweight: after {@code wrap}
 * returns OK every accessor is in bounds; the setters let an XDP program turn a request into a
 * reply in place.
 */
public final class ArpPacket {
    public static final int HTYPE_OFFSET = 0;
    public static final int PTYPE_OFFSET = 2;
    public static final int HLEN_OFFSET = 4;
    public static final int PLEN_OFFSET = 5;
    public static final int OPER_OFFSET = 6;
    public static final int SHA_OFFSET = 8;
    public static final int SPA_OFFSET = 14;
    public static final int THA_OFFSET = 18;
    public static final int TPA_OFFSET = 24;
    /** Length of an Ethernet/IPv4 ARP packet. */
    public static final int LEN = 28;

    /** Hardware type Ethernet (10 Mb), the only one accepted. */
    public static final int HTYPE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    private byte[] buf;
    private int off;

    /**
     * Validates an ARP packet at {@code off}; {@code len} may exceed {@link #LEN} (padding).
     * TRUNCATED when fewer than 28 bytes, BAD_FIELD for any other hardware/protocol pairing or
     * operation. On anything but OK the view holds nothing and must not be read.
     */
    public WireError wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (Views.outside(buf, off, len) || len < LEN) {
            return WireError.TRUNCATED;
        }
        if (Bytes.u16(buf, off + HTYPE_OFFSET) != HTYPE_ETHERNET
                || Bytes.u16(buf, off + PTYPE_OFFSET) != EtherType.IPV4
                || Bytes.u8(buf, off + HLEN_OFFSET) != 6
                || Bytes.u8(buf, off + PLEN_OFFSET) != 4) {
            return WireError.BAD_FIELD;
        }
        int op = Bytes.u16(buf, off + OPER_OFFSET);
        if (op != OP_REQUEST && op != OP_REPLY) {
            return WireError.BAD_FIELD;
        }
        this.buf = buf;
        this.off = off;
        return WireError.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Always {@link #LEN}: padding after the packet is not part of it. */
    public int length() {
        return LEN;
    }

    /** {@link #OP_REQUEST} or {@link #OP_REPLY}. */
    public int operation() {
        return Bytes.u16(buf, off + OPER_OFFSET);
    }

    public long senderMac() {
        return Bytes.u48(buf, off + SHA_OFFSET);
    }

    public int senderIp() {
        return Bytes.i32(buf, off + SPA_OFFSET);
    }

    public long targetMac() {
        return Bytes.u48(buf, off + THA_OFFSET);
    }

    public int targetIp() {
        return Bytes.i32(buf, off + TPA_OFFSET);
    }

    /** Sender and target protocol addresses equal: a gratuitous ARP announcing or defending an address. */
    public boolean isGratuitous() {
        return senderIp() == targetIp();
    }

    /** Sets the operation; only request and reply, so the view stays valid. */
    public void setOperation(int op) {
        if (op != OP_REQUEST && op != OP_REPLY) {
            throw new IllegalArgumentException("ARP operation must be 1 (request) or 2 (reply), got " + op);
        }
        Bytes.put16(buf, off + OPER_OFFSET, op);
    }

    public void setSenderMac(long mac) {
        Bytes.put48(buf, off + SHA_OFFSET, mac);
    }

    public void setSenderIp(int ip) {
        Bytes.put32(buf, off + SPA_OFFSET, ip);
    }

    public void setTargetMac(long mac) {
        Bytes.put48(buf, off + THA_OFFSET, mac);
    }

    public void setTargetIp(int ip) {
        Bytes.put32(buf, off + TPA_OFFSET, ip);
    }
}
