package dev.weir.hooks;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.WireViews;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;
import dev.weir.api.wire.Bytes;
import dev.weir.nic.XdpBuff;

/**
 * The {@link XdpContext} of one XDP attach point: a view of the driver's {@link XdpBuff} while
 * a program runs (bounds-checked loads and stores, head and tail adjustment within the buffer,
 * redirect, FIB lookup, checksum replacement). Reused for every frame.
 *
 * <p>Bounds: {@code adjustHead} may move the start into the headroom down to the buffer's
 * first byte, and up to 14 bytes before the end (an Ethernet header stays);
 * {@code adjustTail} may move the end into the tailroom up to the posted buffer's size, and
 * down to 14 bytes after the start. Grown tail bytes are zeroed; grown head bytes are left as
 * they are (uninitialised, as in Linux).
 */
final class XdpCtx extends ProgramContext implements XdpContext {
    private static final int ETH_HLEN = 14;

    private XdpBuff xb;
    private byte[] buf;
    private int data;
    private int end;
    private final WireViews views = new WireViews();
    private final FibLookupParams fib = new FibLookupParams();

    // redirect state of the current frame: the last redirect call wins, as in Linux
    private int redirectIfindex;
    private DevMap redirectMap;
    private long redirectFlags;

    XdpCtx(Hooks hooks) {
        super(hooks);
    }

    /** Binds the context to a frame before the chain runs. */
    void bind(XdpBuff x) {
        xb = x;
        buf = x.buf;
        data = x.data;
        end = x.dataEnd;
        redirectIfindex = 0;
        redirectMap = null;
        redirectFlags = 0;
    }

    /**
     * Writes the frame's bounds back and, for REDIRECT, the targets; returns the action to hand
     * the driver (REDIRECT without a target becomes ABORTED).
     */
    int finish(int act) {
        XdpBuff x = xb;
        x.data = data;
        x.dataEnd = end;
        x.ntargets = 0;
        if (act == XdpAction.REDIRECT) {
            if (redirectMap != null) {
                int n = 0;
                int max = redirectMap.maxEntries();
                for (int k = 0; k < max && n < XdpBuff.MAX_TARGETS; k++) {
                    int ifi = redirectMap.lookupIfindex(k);
                    if (ifi != 0 && ((redirectFlags & F_EXCLUDE_INGRESS) == 0 || ifi != x.ingressIfindex)) {
                        x.targets[n++] = ifi;
                    }
                }
                x.ntargets = n;
            } else if (redirectIfindex != 0) {
                x.targets[0] = redirectIfindex;
                x.ntargets = 1;
            }
        }
        xb = null;
        buf = null;
        return act;
    }

    // ---- PacketReader / PacketAccess ----

    private int at(int off, int n) {
        int d = data;
        if (off < 0 || off > end - d - n) {
            throw ProgramAborted.OutOfPacket.INSTANCE;
        }
        return d + off;
    }

    @Override
    public int len() {
        return end - data;
    }

    @Override
    public int loadU8(int off) {
        return buf[at(off, 1)] & 0xff;
    }

    @Override
    public int loadU16(int off) {
        return Bytes.u16(buf, at(off, 2));
    }

    @Override
    public int loadU32(int off) {
        return Bytes.i32(buf, at(off, 4));
    }

    @Override
    public long loadU64(int off) {
        return Bytes.i64(buf, at(off, 8));
    }

    @Override
    public int loadBytes(int off, byte[] dst, int dstOff, int len) {
        if (dst == null || len < 0 || off < 0 || off > end - data - len || dstOff < 0 || dstOff > dst.length - len) {
            return MapError.EFAULT;
        }
        System.arraycopy(buf, data + off, dst, dstOff, len);
        return MapError.OK;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int dataOffset() {
        return data;
    }

    @Override
    public int dataEnd() {
        return end;
    }

    @Override
    public WireViews views() {
        return views;
    }

    @Override
    public void storeU8(int off, int v) {
        buf[at(off, 1)] = (byte) v;
    }

    @Override
    public void storeU16(int off, int v) {
        Bytes.put16(buf, at(off, 2), v);
    }

    @Override
    public void storeU32(int off, int v) {
        Bytes.put32(buf, at(off, 4), v);
    }

    @Override
    public void storeU64(int off, long v) {
        Bytes.put64(buf, at(off, 8), v);
    }

    @Override
    public int storeBytes(int off, byte[] src, int srcOff, int len) {
        if (src == null || len < 0 || off < 0 || off > end - data - len || srcOff < 0 || srcOff > src.length - len) {
            return MapError.EFAULT;
        }
        System.arraycopy(src, srcOff, buf, data + off, len);
        return MapError.OK;
    }

    @Override
    public int l3ChecksumReplace(int csumOff, int from, int to, int size) {
        if (!PacketBytes.l3SizeOk(size)) {
            return MapError.EINVAL;
        }
        if (csumOff < 0 || csumOff > end - data - 2) {
            return MapError.EFAULT;
        }
        PacketBytes.l3Update(buf, data + csumOff, from, to, size);
        return MapError.OK;
    }

    @Override
    public int l4ChecksumReplace(int csumOff, int from, int to, int flags) {
        int size = PacketBytes.l4Size(flags);
        if (size < 0) {
            return MapError.EINVAL;
        }
        if (csumOff < 0 || csumOff > end - data - 2) {
            return MapError.EFAULT;
        }
        PacketBytes.l4Update(buf, data + csumOff, from, to, flags, size, false);
        return MapError.OK;
    }

    // ---- XdpContext ----

    @Override
    public int ingressIfindex() {
        return xb.ingressIfindex;
    }

    @Override
    public int rxQueueIndex() {
        return xb.rxQueue;
    }

    @Override
    public int adjustHead(int delta) {
        int d = data + delta;
        if (d < 0 || d > end - ETH_HLEN) {
            return MapError.EINVAL;
        }
        data = d;
        return MapError.OK;
    }

    @Override
    public int adjustTail(int delta) {
        int e = end + delta;
        if (e < data + ETH_HLEN || e > xb.frameEnd) {
            return MapError.EINVAL;
        }
        if (e > end) {
            java.util.Arrays.fill(buf, end, e, (byte) 0);
        }
        end = e;
        return MapError.OK;
    }

    @Override
    public int redirect(int ifindex, long flags) {
        if (flags != 0) {
            return XdpAction.ABORTED;
        }
        redirectIfindex = ifindex;
        redirectMap = null;
        return XdpAction.REDIRECT;
    }

    @Override
    public int redirectMap(DevMap map, int key, long flags) {
        if (map == null) {
            return XdpAction.ABORTED;
        }
        if ((flags & F_BROADCAST) != 0) {
            redirectMap = map;
            redirectFlags = flags;
            redirectIfindex = 0;
            return XdpAction.REDIRECT;
        }
        int ifi = map.lookupIfindex(key);
        if (ifi == 0) {
            return (int) (flags & 3);
        }
        redirectIfindex = ifi;
        redirectMap = null;
        return XdpAction.REDIRECT;
    }

    @Override
    public FibLookupParams fibParams() {
        return fib;
    }

    @Override
    public int fibLookup(FibLookupParams params, int flags) {
        Fib f = hooks.fib;
        return f == null ? FibLookupParams.RET_NOT_FWDED : f.lookup(params, flags);
    }

    // ---- tail calls ----

    @Override
    boolean accepts(Object program) {
        return program instanceof XdpProgram;
    }

    @Override
    int invokeTail(Object program) {
        return ((XdpProgram) program).run(this);
    }
}
