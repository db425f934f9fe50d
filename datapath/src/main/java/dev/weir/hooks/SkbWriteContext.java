package dev.weir.hooks;

import dev.weir.api.maps.MapError;
import dev.weir.api.prog.PacketAccess;
import dev.weir.api.prog.WireViews;
import dev.weir.api.wire.Bytes;
import dev.weir.skb.SkBuff;

/**
 * Read and write access to an skb (tc, netfilter). Before the first write the skb gets a
 * private head if it shares one with a clone (a capture tap's copy, a retransmit queue), and a
 * write beyond the linear part first makes the packet linear, so a program never writes into
 * bytes someone else can see. {@link #buffer()} does the same before handing the array out.
 *
 * <p>Checksum helpers follow Linux's {@code inet_proto_csum_replace*}: for a packet whose
 * transport checksum the device will complete ({@code CHECKSUM_PARTIAL}), the field holds only
 * the pseudo-header sum, so an address change ({@code F_PSEUDO_HDR}) updates that sum and a
 * port change leaves it alone; otherwise the complemented checksum is updated (RFC 1624).
 */
abstract class SkbWriteContext extends SkbReadContext implements PacketAccess {
    private static final byte[] EMPTY = new byte[0];
    private final WireViews views = new WireViews();

    SkbWriteContext(Hooks hooks) {
        super(hooks);
    }

    /** Absolute index of packet offset {@code off}, with {@code n} bytes writable; throws out of bounds. */
    private int writable(int off, int n) {
        SkBuff s = skb;
        if (s == null || off < 0 || off > s.len() - base - n) {
            throw ProgramAborted.OutOfPacket.INSTANCE;
        }
        return prepare(s, base + off + n) + base + off;
    }

    /** Makes the first {@code upTo} bytes after data private and linear; returns {@code skb.data()}. */
    static int prepare(SkBuff s, int upTo) {
        if (s.isCloned()) {
            s.makeWritable();
        }
        if (upTo > s.headLen()) {
            s.linearize();
        }
        return s.data();
    }

    @Override
    public byte[] buffer() {
        SkBuff s = skb;
        if (s == null) {
            return EMPTY;
        }
        if (s.isCloned()) {
            s.makeWritable();
        }
        return s.buf();
    }

    @Override
    public int dataOffset() {
        return skb == null ? 0 : skb.data() + base;
    }

    @Override
    public int dataEnd() {
        return skb == null ? 0 : skb.tail();
    }

    @Override
    public WireViews views() {
        return views;
    }

    @Override
    public void storeU8(int off, int v) {
        int p = writable(off, 1);
        skb.buf()[p] = (byte) v;
    }

    @Override
    public void storeU16(int off, int v) {
        int p = writable(off, 2);
        Bytes.put16(skb.buf(), p, v);
    }

    @Override
    public void storeU32(int off, int v) {
        int p = writable(off, 4);
        Bytes.put32(skb.buf(), p, v);
    }

    @Override
    public void storeU64(int off, long v) {
        int p = writable(off, 8);
        Bytes.put64(skb.buf(), p, v);
    }

    @Override
    public int storeBytes(int off, byte[] src, int srcOff, int len) {
        SkBuff s = skb;
        if (s == null || src == null || len < 0 || off < 0 || off > s.len() - base - len || srcOff < 0
                || srcOff > src.length - len) {
            return MapError.EFAULT;
        }
        int p = prepare(s, base + off + len) + base + off;
        System.arraycopy(src, srcOff, s.buf(), p, len);
        return MapError.OK;
    }

    @Override
    public int l3ChecksumReplace(int csumOff, int from, int to, int size) {
        if (!PacketBytes.l3SizeOk(size)) {
            return MapError.EINVAL;
        }
        SkBuff s = skb;
        if (s == null || csumOff < 0 || csumOff > s.len() - base - 2) {
            return MapError.EFAULT;
        }
        PacketBytes.l3Update(s.buf(), prepare(s, base + csumOff + 2) + base + csumOff, from, to, size);
        return MapError.OK;
    }

    @Override
    public int l4ChecksumReplace(int csumOff, int from, int to, int flags) {
        int size = PacketBytes.l4Size(flags);
        if (size < 0) {
            return MapError.EINVAL;
        }
        SkBuff s = skb;
        if (s == null || csumOff < 0 || csumOff > s.len() - base - 2) {
            return MapError.EFAULT;
        }
        int p = prepare(s, base + csumOff + 2) + base + csumOff;
        PacketBytes.l4Update(s.buf(), p, from, to, flags, size, s.ipSummed() == SkBuff.CHECKSUM_PARTIAL);
        return MapError.OK;
    }

    /** {@code skb->mark = mark}. */
    public void setMark(int mark) {
        if (skb != null) {
            skb.setMark(mark);
        }
    }
}
