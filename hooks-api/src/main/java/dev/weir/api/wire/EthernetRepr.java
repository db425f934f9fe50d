package dev.weir.api.wire;

import java.util.List;

/**
 * The parsed form of an Ethernet II header, for tests, the command line and slow paths.
 *
 * @param dst destination address
 * @param src source address
 * @param etherType the payload's type, after any tags
 * @param tags VLAN tags, outermost first (empty when untagged)
 */
public record EthernetRepr(MacAddress dst, MacAddress src, int etherType, List<VlanTag> tags) {
    /**
     * One 802.1Q/802.1ad tag.
     *
     * @param tpid 0x8100 or 0x88a8
     * @param pcp priority code point, 0..7
     * @param dei drop eligible indicator
     * @param vid VLAN identifier, 0..4095
     */
    public record VlanTag(int tpid, int pcp, boolean dei, int vid) {
        public VlanTag {
            if (!EtherType.isVlanTpid(tpid)) {
                throw new IllegalArgumentException("VLAN TPID must be 0x8100 or 0x88a8, got 0x" + Integer.toHexString(tpid));
            }
            if (pcp < 0 || pcp > 7 || vid < 0 || vid > 4095) {
                throw new IllegalArgumentException("VLAN tag out of range: pcp " + pcp + " (0..7), vid " + vid + " (0..4095)");
            }
        }

        public static VlanTag dot1q(int vid) {
            return new VlanTag(EtherType.VLAN, 0, false, vid);
        }

        int tci() {
            return (pcp << 13) | (dei ? 0x1000 : 0) | vid;
        }
    }

    public EthernetRepr {
        tags = List.copyOf(tags);
        if (tags.size() > EthernetFrame.MAX_TAGS) {
            throw new IllegalArgumentException("at most " + EthernetFrame.MAX_TAGS + " VLAN tags, got " + tags.size());
        }
    }

    public EthernetRepr(MacAddress dst, MacAddress src, int etherType) {
        this(dst, src, etherType, List.of());
    }

    public static EthernetRepr parse(EthernetFrame f) {
        VlanTag[] t = new VlanTag[f.vlanTags()];
        for (int i = 0; i < t.length; i++) {
            int tci = f.tagTci(i);
            t[i] = new VlanTag(f.tagTpid(i), tci >>> 13, (tci & 0x1000) != 0, tci & 0x0fff);
        }
        return new EthernetRepr(new MacAddress(f.dst()), new MacAddress(f.src()), f.etherType(), List.of(t));
    }

    public int headerLength() {
        return EthernetFrame.HEADER_LEN + EthernetFrame.TAG_LEN * tags.size();
    }

    /** Writes the header at {@code off}; returns its length. */
    public int emit(byte[] b, int off) {
        dst.write(b, off + EthernetFrame.DST_OFFSET);
        src.write(b, off + EthernetFrame.SRC_OFFSET);
        int at = off + EthernetFrame.TYPE_OFFSET;
        for (VlanTag t : tags) {
            Bytes.put16(b, at, t.tpid());
            Bytes.put16(b, at + 2, t.tci());
            at += EthernetFrame.TAG_LEN;
        }
        Bytes.put16(b, at, etherType);
        return headerLength();
    }
}
