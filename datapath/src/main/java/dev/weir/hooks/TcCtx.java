package dev.weir.hooks;

import dev.weir.api.maps.MapError;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;
import java.util.Arrays;

/**
 * The {@link SkbContext} of one tc attach point (a device's ingress or egress): packet offset 0
 * is the Ethernet header. Besides packet access it keeps what the run decided beyond the
 * verdict: the redirect target, the tc classid, and the copies {@code cloneRedirect} asked
 * for, which the attach point sends after the run (so that a copy sent back into the same
 * hook cannot find this context in use).
 */
final class TcCtx extends SkbWriteContext implements SkbContext {
    private static final int ETH_HLEN = 14;
    /** Most copies one run may send with cloneRedirect. */
    static final int MAX_CLONES = 8;

    private final boolean ingress;
    private final FibLookupParams fib = new FibLookupParams();
    private int classid;
    int redirectIfindex;
    boolean redirectIngress;
    final SkBuff[] clones = new SkBuff[MAX_CLONES];
    final int[] cloneIfindex = new int[MAX_CLONES];
    final boolean[] cloneIngress = new boolean[MAX_CLONES];
    int nclones;

    TcCtx(Hooks hooks, boolean ingress) {
        super(hooks);
        this.ingress = ingress;
    }

    void bind(SkBuff s) {
        skb = s;
        base = 0;
        classid = 0;
        redirectIfindex = 0;
        redirectIngress = false;
        nclones = 0;
    }

    void unbind() {
        skb = null;
    }

    @Override
    public boolean isIngress() {
        return ingress;
    }

    @Override
    public int tcClassid() {
        return classid;
    }

    @Override
    public void setPriority(int priority) {
        skb.setPriority(priority);
    }

    @Override
    public void setTcClassid(int c) {
        classid = c;
    }

    @Override
    public void setQueueMapping(int queue) {
        NetDevice d = hooks.net.device(skb.ifindex());
        int n = d == null ? 1 : Math.max(1, d.realNumTxQueues());
        skb.setQueueMapping(Math.floorMod(queue, n));
    }

    @Override
    public void setTstamp(long tstampNs) {
        skb.setTstamp(Math.max(0, tstampNs));
    }

    @Override
    public int pullData(int len) {
        if (len < 0 || len > skb.len()) {
            return MapError.EINVAL;
        }
        if (skb.isCloned()) {
            skb.makeWritable();
        }
        if (len == 0) {
            skb.linearize();
        } else {
            skb.mayPull(len);
        }
        return MapError.OK;
    }

    @Override
    public int changeTail(int newLen, long flags) {
        if (flags != 0 || newLen < ETH_HLEN || newLen > 0xffff) {
            return MapError.EINVAL;
        }
        int len = skb.len();
        if (newLen < len) {
            if (skb.isCloned()) {
                skb.makeWritable();
            }
            skb.trim(newLen);
        } else if (newLen > len) {
            int grow = newLen - len;
            skb.ensureTailroom(grow);
            int at = skb.put(grow);
            Arrays.fill(skb.buf(), at, at + grow, (byte) 0);
        }
        return MapError.OK;
    }

    @Override
    public int changeHead(int headroom, long flags) {
        if (flags != 0 || headroom < 0 || headroom > 256) {
            return MapError.EINVAL;
        }
        skb.ensureHeadroom(headroom);
        int at = skb.push(headroom);
        Arrays.fill(skb.buf(), at, at + headroom, (byte) 0);
        skb.resetMacHeader();
        return MapError.OK;
    }

    @Override
    public int adjustRoom(int lenDiff, int mode, long flags) {
        if (flags != 0 || (mode != ADJ_ROOM_NET && mode != ADJ_ROOM_MAC)) {
            return MapError.EINVAL;
        }
        int nh = skb.networkHeader() - skb.data();
        if (nh < ETH_HLEN || nh > skb.headLen()) {
            return MapError.EINVAL;
        }
        int off = nh;
        if (mode == ADJ_ROOM_NET) {
            int proto = skb.protocol();
            if (proto == EtherType.IPV4 && skb.mayPull(nh + 20)) {
                off += (skb.buf()[skb.data() + nh] & 0x0f) * 4;
            } else if (proto == EtherType.IPV6 && skb.mayPull(nh + 40)) {
                off += 40;
            } else {
                return MapError.EINVAL;
            }
        }
        if (lenDiff == 0) {
            return MapError.OK;
        }
        if (lenDiff < 0 && (-lenDiff > skb.len() - off || !skb.mayPull(off - lenDiff))) {
            return MapError.EINVAL;
        }
        if (lenDiff > 0xffff) {
            return MapError.EINVAL;
        }
        int mac = skb.macHeader() - skb.data();
        if (lenDiff > 0) {
            skb.ensureHeadroom(lenDiff);
            int from = skb.data();
            int to = skb.push(lenDiff);
            byte[] b = skb.buf();
            System.arraycopy(b, from, b, to, off);
            Arrays.fill(b, to + off, to + off + lenDiff, (byte) 0);
        } else {
            if (skb.isCloned()) {
                skb.makeWritable();
            }
            int cut = -lenDiff;
            int from = skb.data();
            byte[] b = skb.buf();
            System.arraycopy(b, from, b, from + cut, off);
            skb.pull(cut);
        }
        // Headers in front of the room move with it: MAC and network header keep their offsets
        // from the (new) start; the transport header is unknown until the stack parses again.
        skb.setMacHeader(skb.data() + Math.max(mac, 0));
        skb.setNetworkHeader(skb.data() + nh);
        skb.resetTransportHeader();
        return MapError.OK;
    }

    @Override
    public int vlanPush(int proto, int tci) {
        if (proto != 0x8100 && proto != 0x88a8) {
            return MapError.EINVAL;
        }
        if (skb.vlanTci() >= 0) {
            return MapError.EINVAL; // a second (inner) tag would have to go into the bytes: not modelled
        }
        skb.setVlanTci(tci & 0xffff);
        return MapError.OK;
    }

    @Override
    public int vlanPop() {
        if (skb.vlanTci() < 0) {
            return MapError.ENOENT;
        }
        skb.setVlanTci(-1);
        return MapError.OK;
    }

    @Override
    public int redirect(int ifindex, long flags) {
        if ((flags & ~F_INGRESS) != 0) {
            return TcAction.SHOT;
        }
        redirectIfindex = ifindex;
        redirectIngress = (flags & F_INGRESS) != 0;
        return TcAction.REDIRECT;
    }

    @Override
    public int cloneRedirect(int ifindex, long flags) {
        if ((flags & ~F_INGRESS) != 0) {
            return MapError.EINVAL;
        }
        if (hooks.net.device(ifindex) == null) {
            return MapError.ENODEV;
        }
        if (nclones == MAX_CLONES) {
            return MapError.EBUSY;
        }
        clones[nclones] = skb.clone();
        cloneIfindex[nclones] = ifindex;
        cloneIngress[nclones] = (flags & F_INGRESS) != 0;
        nclones++;
        return MapError.OK;
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

    /** The EtherType at offset 12, for messages. */
    int etherType() {
        return skb.len() >= ETH_HLEN ? Bytes.u16(skb.buf(), skb.data() + 12) : 0;
    }

    @Override
    boolean accepts(Object program) {
        return program instanceof TcProgram;
    }

    @Override
    int invokeTail(Object program) {
        return ((TcProgram) program).run(this);
    }
}
