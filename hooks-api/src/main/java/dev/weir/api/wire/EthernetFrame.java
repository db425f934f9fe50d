package dev.weir.api.wire;

/**
 * A view over an Ethernet II frame, with up to two IEEE 802.1Q / 802.1ad VLAN tags.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination MAC (6 bytes)                  |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+      Source MAC (6 bytes)     +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   EtherType or TPID 0x8100    |  PCP|D|         VID           |  (tag, if TPID)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      (inner) EtherType        |   payload ...
 * </pre>
 *
 * <p>The frame check sequence is not part of the view: links and captures carry frames without
 * it, as Linux hands them to tcpdump. A view is a reusable flyweight: {@link #wrap} validates
 * once and returns {@link WireError#OK}, after which every accessor is in bounds.
 */
public final class EthernetFrame {
    public static final int DST_OFFSET = 0;
    public static final int SRC_OFFSET = 6;
    public static final int TYPE_OFFSET = 12;
    /** Length of an untagged header. */
    public static final int HEADER_LEN = 14;
    /** Length of one VLAN tag (TPID + TCI). */
    public static final int TAG_LEN = 4;
    /** Most tags a frame may carry here (802.1ad outer + 802.1Q inner). */
    public static final int MAX_TAGS = 2;

    private byte[] buf;
    private int off;
    private int len;
    private int tags;

    /**
     * Validates {@code len} bytes at {@code off} as an Ethernet II frame. On anything but OK the
     * view holds nothing and must not be read.
     */
    public WireError wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (off < 0 || len < HEADER_LEN || off + len > buf.length) {
            return WireError.TRUNCATED;
        }
        int n = 0;
        int typeAt = off + TYPE_OFFSET;
        while (EtherType.isVlanTpid(Bytes.u16(buf, typeAt))) {
            if (n == MAX_TAGS) {
                return WireError.BAD_FIELD;
            }
            n++;
            typeAt += TAG_LEN;
            if (typeAt + 2 > off + len) {
                return WireError.TRUNCATED;
            }
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.tags = n;
        return WireError.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Offset of the frame's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public long dst() {
        return Bytes.u48(buf, off + DST_OFFSET);
    }

    public long src() {
        return Bytes.u48(buf, off + SRC_OFFSET);
    }

    public void setDst(long mac) {
        Bytes.put48(buf, off + DST_OFFSET, mac);
    }

    public void setSrc(long mac) {
        Bytes.put48(buf, off + SRC_OFFSET, mac);
    }

    /** Number of VLAN tags (0, 1 or 2). */
    public int vlanTags() {
        return tags;
    }

    /** TPID of tag {@code i} (0 = outermost). */
    public int tagTpid(int i) {
        return Bytes.u16(buf, off + TYPE_OFFSET + TAG_LEN * checkTag(i));
    }

    /** TCI of tag {@code i}: priority (3 bits), drop eligible (1), VLAN id (12). */
    public int tagTci(int i) {
        return Bytes.u16(buf, off + TYPE_OFFSET + 2 + TAG_LEN * checkTag(i));
    }

    /** VLAN id of the innermost tag, or -1 when untagged. */
    public int vlanId() {
        return tags == 0 ? -1 : tagTci(tags - 1) & 0x0fff;
    }

    private int checkTag(int i) {
        if (i < 0 || i >= tags) {
            throw new IndexOutOfBoundsException("tag " + i + " of a frame with " + tags + " VLAN tags");
        }
        return i;
    }

    /** The EtherType after any tags: what the payload is. */
    public int etherType() {
        return Bytes.u16(buf, off + TYPE_OFFSET + TAG_LEN * tags);
    }

    public void setEtherType(int type) {
        Bytes.put16(buf, off + TYPE_OFFSET + TAG_LEN * tags, type);
    }

    /** Header length including tags: where the payload starts, relative to the frame. */
    public int headerLength() {
        return HEADER_LEN + TAG_LEN * tags;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }
}
