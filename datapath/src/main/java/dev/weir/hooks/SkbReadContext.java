package dev.weir.hooks;

import dev.weir.api.prog.PacketReader;
import dev.weir.api.prog.SkbMeta;
import dev.weir.api.wire.Bytes;
import dev.weir.skb.FlowDissector;
import dev.weir.skb.SkBuff;

/**
 * Read access to an skb for a program: packet offset 0 is {@link #base} bytes after
 * {@code skb.data()} (tc: the Ethernet header; netfilter: the IP header; a probe: wherever the
 * function's skb data is). Loads within the linear part read the buffer directly; beyond it
 * they copy from the fragments, so the whole packet is readable. Without an skb (a probe at
 * exit, or of a function with none) the packet is empty and the metadata 0.
 */
abstract class SkbReadContext extends ProgramContext implements PacketReader, SkbMeta {
    SkBuff skb;
    /** Offset of packet offset 0 from {@code skb.data()}; relative, so it survives a reallocation of the head. */
    int base;
    private final byte[] tmp = new byte[8];
    private final int hashSeed;

    SkbReadContext(Hooks hooks) {
        super(hooks);
        this.hashSeed = hooks.flowHashSeed;
    }

    /** Absolute index in {@code skb.buf()} of packet offset {@code off}, checked for {@code n} readable bytes. */
    private int pos(int off, int n) {
        SkBuff s = skb;
        if (s == null || off < 0 || off > s.len() - base - n) {
            throw ProgramAborted.OutOfPacket.INSTANCE;
        }
        int rel = base + off;
        if (rel + n <= s.headLen()) {
            return s.data() + rel;
        }
        s.copyBits(rel, tmp, 0, n);
        return -1;
    }

    @Override
    public int len() {
        SkBuff s = skb;
        return s == null ? 0 : s.len() - base;
    }

    @Override
    public int loadU8(int off) {
        int p = pos(off, 1);
        return p >= 0 ? skb.buf()[p] & 0xff : tmp[0] & 0xff;
    }

    @Override
    public int loadU16(int off) {
        int p = pos(off, 2);
        return p >= 0 ? Bytes.u16(skb.buf(), p) : Bytes.u16(tmp, 0);
    }

    @Override
    public int loadU32(int off) {
        int p = pos(off, 4);
        return p >= 0 ? Bytes.i32(skb.buf(), p) : Bytes.i32(tmp, 0);
    }

    @Override
    public long loadU64(int off) {
        int p = pos(off, 8);
        return p >= 0 ? Bytes.i64(skb.buf(), p) : Bytes.i64(tmp, 0);
    }

    @Override
    public int loadBytes(int off, byte[] dst, int dstOff, int len) {
        SkBuff s = skb;
        if (s == null || dst == null || len < 0 || off < 0 || off > s.len() - base - len || dstOff < 0
                || dstOff > dst.length - len) {
            return dev.weir.api.maps.MapError.EFAULT;
        }
        s.copyBits(base + off, dst, dstOff, len);
        return dev.weir.api.maps.MapError.OK;
    }

    // ---- SkbMeta ----

    @Override
    public int protocol() {
        return skb == null ? 0 : skb.protocol();
    }

    @Override
    public int mark() {
        return skb == null ? 0 : skb.mark();
    }

    @Override
    public int priority() {
        return skb == null ? 0 : skb.priority();
    }

    @Override
    public int tcClassid() {
        return 0;
    }

    @Override
    public int ifindex() {
        return skb == null ? 0 : skb.ifindex();
    }

    @Override
    public int ingressIfindex() {
        return skb == null ? 0 : skb.ingressIfindex();
    }

    @Override
    public int hash() {
        return skb == null ? 0 : FlowDissector.getHash(skb, hashSeed);
    }

    @Override
    public long tstamp() {
        return skb == null ? 0 : skb.tstamp();
    }

    @Override
    public int pktType() {
        return skb == null ? 0 : skb.pktType();
    }

    @Override
    public int queueMapping() {
        return skb == null ? 0 : skb.queueMapping();
    }

    @Override
    public boolean vlanPresent() {
        return skb != null && skb.vlanTci() >= 0;
    }

    @Override
    public int vlanTci() {
        return skb == null || skb.vlanTci() < 0 ? 0 : skb.vlanTci();
    }

    @Override
    public int vlanProto() {
        return vlanPresent() ? 0x8100 : 0;
    }

    @Override
    public int networkOffset() {
        SkBuff s = skb;
        return s == null ? 0 : s.networkHeader() - s.data() - base;
    }

    @Override
    public int transportOffset() {
        SkBuff s = skb;
        return s == null || !s.transportHeaderSet() ? -1 : s.transportHeader() - s.data() - base;
    }

    @Override
    public int gsoSegs() {
        return skb == null || !skb.isGso() ? 1 : skb.gsoSegs();
    }

    @Override
    public int gsoSize() {
        return skb == null || !skb.isGso() ? 0 : skb.gsoSize();
    }
}
