package dev.weir.trace;

import dev.weir.api.prog.StageFunction;
import dev.weir.api.prog.Tracepoint;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;

/**
 * A namespace's tracepoint and stage-probe sites. Stages fire events through the methods below;
 * the hooks layer installs a {@link TraceHandler} per tracepoint and one {@link ProbeHandler}
 * for the stage functions, and says which functions are probed at entry and exit.
 *
 * <h2>Tracepoints</h2>
 * Each tracepoint has a handler field that is null while nothing is attached; its firing method
 * loads that field and returns when it is null, so an unobserved tracepoint costs a field load
 * and a test (the firing methods are small enough for the JIT to inline at the site). When a
 * handler is installed the method fills the tracepoint's reusable {@link TraceEvent} and calls
 * it. {@code skb:kfree_skb} fires from {@link NetNs#drop} (a drop listener is registered while a
 * handler is installed).
 *
 * <h2>Stage probes</h2>
 * A probed function brackets its body:
 * <pre>{@code
 * int t = trace.enter(StageFunction.IP_RCV, skb, null, 0, dev.ifindex(), 0, dev.ifindex());
 * rcv0(skb, dev);
 * trace.leaveRx(t);
 * }</pre>
 * {@link #enter} tests one bit of a mask and returns 0 when the function is not probed;
 * {@link #leave} then returns at once. When probed, entry records the arguments on a small stack
 * (calls nest: {@code ip_rcv} inside {@code __netif_receive_skb_core}) so that the exit event
 * carries them with the return value. The position of the skb argument is filled with the
 * packet's identity and that of the socket argument with the socket's; the caller passes 0
 * there and plain values (an ifindex for a device) elsewhere.
 *
 * <p>Single-threaded, like the namespace.
 */
public final class Tracing {
    /** NET_RX_DROP: what {@link #leaveRx} reports for a call that dropped a packet. */
    public static final int NET_RX_DROP = 1;
    /** Deepest nesting of probed calls tracked; deeper calls are not probed. */
    static final int MAX_DEPTH = 32;

    private final NetNs net;
    private final TraceEvent[] events = new TraceEvent[Tracepoint.values().length];
    private final TraceHandler[] handlers = new TraceHandler[Tracepoint.values().length];

    // One field per tracepoint, null when nothing is attached: the fast test of each site.
    private TraceHandler netifReceiveSkb;
    private TraceHandler netDevXmit;
    private TraceHandler napiPoll;
    private TraceHandler qdiscDequeue;
    private TraceHandler neighUpdate;
    private TraceHandler xdpException;
    private TraceHandler tcpProbe;
    private TraceHandler tcpRetransmitSkb;
    private TraceHandler tcpSendReset;
    private TraceHandler tcpReceiveReset;
    private TraceHandler inetSockSetState;
    private TraceHandler tcpRcvSpaceAdjust;
    private final NetNs.DropListener kfreeSkb = this::dropped;

    // Stage probes.
    private long probed;
    private long entryMask;
    private long exitMask;
    private ProbeHandler probeHandler;
    private final ProbeEvent probe = new ProbeEvent();
    private int depth;
    private final StageFunction[] stackFn = new StageFunction[MAX_DEPTH + 1];
    private final long[] stackSkb = new long[MAX_DEPTH + 1];
    private final long[] stackSk = new long[MAX_DEPTH + 1];
    private final long[] stackDrops = new long[MAX_DEPTH + 1];
    private final long[][] stackArgs = new long[MAX_DEPTH + 1][ProbeEvent.MAX_ARGS];

    private Tracing(NetNs net) {
        this.net = net;
        for (Tracepoint t : Tracepoint.values()) {
            events[t.ordinal()] = new TraceEvent(t);
        }
    }

    /** The namespace's sites (created on first use). Stages call this once, at construction. */
    public static Tracing of(NetNs net) {
        return net.pernet(Tracing.class, Tracing::new);
    }

    public NetNs net() {
        return net;
    }

    // ---- installing handlers (the hooks layer) ----

    /** Installs {@code h} for {@code tp}, or removes the handler with null. */
    public void setHandler(Tracepoint tp, TraceHandler h) {
        TraceHandler old = handlers[tp.ordinal()];
        handlers[tp.ordinal()] = h;
        switch (tp) {
            case NETIF_RECEIVE_SKB -> netifReceiveSkb = h;
            case NET_DEV_XMIT -> netDevXmit = h;
            case KFREE_SKB -> {
                if (old == null && h != null) {
                    net.addDropListener(kfreeSkb);
                } else if (old != null && h == null) {
                    net.removeDropListener(kfreeSkb);
                }
            }
            case NAPI_POLL -> napiPoll = h;
            case QDISC_DEQUEUE -> qdiscDequeue = h;
            case NEIGH_UPDATE -> neighUpdate = h;
            case XDP_EXCEPTION -> xdpException = h;
            case TCP_PROBE -> tcpProbe = h;
            case TCP_RETRANSMIT_SKB -> tcpRetransmitSkb = h;
            case TCP_SEND_RESET -> tcpSendReset = h;
            case TCP_RECEIVE_RESET -> tcpReceiveReset = h;
            case INET_SOCK_SET_STATE -> inetSockSetState = h;
            case TCP_RCV_SPACE_ADJUST -> tcpRcvSpaceAdjust = h;
        }
    }

    /** The handler of {@code tp}, or null. */
    public TraceHandler handler(Tracepoint tp) {
        return handlers[tp.ordinal()];
    }

    /** True when something observes {@code tp}. */
    public boolean enabled(Tracepoint tp) {
        return handlers[tp.ordinal()] != null;
    }

    /**
     * Installs the probe handler and which functions it observes: bit {@code f.ordinal()} of
     * {@code entry} for entry probes, of {@code exit} for exit probes.
     */
    public void setProbes(ProbeHandler h, long entry, long exit) {
        probeHandler = h;
        entryMask = h == null ? 0 : entry;
        exitMask = h == null ? 0 : exit;
        probed = entryMask | exitMask;
    }

    /** True when {@code f} has a probe at entry or exit. */
    public boolean probed(StageFunction f) {
        return (probed & (1L << f.ordinal())) != 0;
    }

    private TraceEvent event(Tracepoint tp) {
        TraceEvent e = events[tp.ordinal()];
        e.clear();
        return e;
    }

    // ---- tracepoints: the firing methods ----

    /** {@code net:netif_receive_skb}: {@code skb} handed to the stack on {@code dev}; a = skb length. */
    public void netifReceiveSkb(SkBuff skb, NetDevice dev) {
        TraceHandler h = netifReceiveSkb;
        if (h != null) {
            TraceEvent e = event(Tracepoint.NETIF_RECEIVE_SKB);
            e.skb = skb;
            e.skbId = skb.id();
            e.dev = dev;
            e.a = skb.len();
            h.fire(e);
        }
    }

    /**
     * {@code net:net_dev_xmit}: the packet {@code skbId} of {@code len} bytes was given to
     * {@code dev}'s driver, which answered {@code rc}; a = len, b = rc. The packet is the
     * driver's now: only its identity is given.
     */
    public void netDevXmit(long skbId, int len, int rc, NetDevice dev) {
        TraceHandler h = netDevXmit;
        if (h != null) {
            TraceEvent e = event(Tracepoint.NET_DEV_XMIT);
            e.skbId = skbId;
            e.dev = dev;
            e.a = len;
            e.b = rc;
            h.fire(e);
        }
    }

    private void dropped(SkBuff skb, DropReason reason) {
        TraceHandler h = handlers[Tracepoint.KFREE_SKB.ordinal()];
        if (h != null) {
            TraceEvent e = event(Tracepoint.KFREE_SKB);
            e.skb = skb;
            e.skbId = skb.id();
            e.subject = reason;
            e.a = reason.ordinal();
            e.b = 0; // location: Weir does not know the dropping function
            e.c = skb.protocol();
            h.fire(e);
        }
    }

    /**
     * {@code napi:napi_poll}: one poll of the NAPI instance {@code napiId} of device
     * {@code devName} processed {@code work} packets against {@code budget}; a = napi id,
     * b = work, c = budget.
     */
    public void napiPoll(long napiId, String devName, int work, int budget) {
        TraceHandler h = napiPoll;
        if (h != null) {
            TraceEvent e = event(Tracepoint.NAPI_POLL);
            e.a = napiId;
            e.b = work;
            e.c = budget;
            e.text = devName;
            h.fire(e);
        }
    }

    /**
     * {@code qdisc:qdisc_dequeue}: {@code q} on transmit queue {@code txq} gave {@code packets}
     * packets ({@code skb} the first, or null when it gave none); subject = the qdisc, a =
     * packets, b = txq index, dev = the device.
     */
    public void qdiscDequeue(Qdisc q, NetdevQueue txq, SkBuff skb, int packets) {
        TraceHandler h = qdiscDequeue;
        if (h != null) {
            TraceEvent e = event(Tracepoint.QDISC_DEQUEUE);
            e.subject = q;
            e.skb = skb;
            e.skbId = skb == null ? 0 : skb.id();
            e.dev = txq.device();
            e.a = packets;
            e.b = txq.index();
            e.c = txq.isStopped() ? 1 : 0;
            h.fire(e);
        }
    }

    /**
     * {@code neigh:neigh_update}: the neighbour entry {@code neighbour} (the neighbour layer's
     * object) on {@code dev} changed; a = its state before, b = the update's flags.
     */
    public void neighUpdate(Object neighbour, NetDevice dev, int oldState, int updateFlags) {
        TraceHandler h = neighUpdate;
        if (h != null) {
            TraceEvent e = event(Tracepoint.NEIGH_UPDATE);
            e.subject = neighbour;
            e.dev = dev;
            e.a = oldState;
            e.b = updateFlags;
            h.fire(e);
        }
    }

    /** {@code xdp:xdp_exception}: program {@code progId} on {@code ifindex} returned {@code act} (a = prog id, b = act, c = ifindex). */
    public void xdpException(int progId, int act, int ifindex) {
        TraceHandler h = xdpException;
        if (h != null) {
            TraceEvent e = event(Tracepoint.XDP_EXCEPTION);
            e.a = progId;
            e.b = act;
            e.c = ifindex;
            h.fire(e);
        }
    }

    /** {@code tcp:tcp_probe}: socket {@code sk} processed {@code skb} (an ACK, or a segment sent); a = its payload bytes. */
    public void tcpProbe(SockInfo sk, SkBuff skb, int dataLen) {
        TraceHandler h = tcpProbe;
        if (h != null) {
            sockEvent(Tracepoint.TCP_PROBE, h, sk, skb, dataLen, 0);
        }
    }

    /** {@code tcp:tcp_retransmit_skb}: {@code sk} retransmits {@code skb}. */
    public void tcpRetransmitSkb(SockInfo sk, SkBuff skb) {
        TraceHandler h = tcpRetransmitSkb;
        if (h != null) {
            sockEvent(Tracepoint.TCP_RETRANSMIT_SKB, h, sk, skb, 0, 0);
        }
    }

    /** {@code tcp:tcp_send_reset}: a reset sent by {@code sk} (null: no socket) in answer to {@code skb} (null: none). */
    public void tcpSendReset(SockInfo sk, SkBuff skb) {
        TraceHandler h = tcpSendReset;
        if (h != null) {
            sockEvent(Tracepoint.TCP_SEND_RESET, h, sk, skb, 0, 0);
        }
    }

    /** {@code tcp:tcp_receive_reset}: {@code sk} accepted a reset. */
    public void tcpReceiveReset(SockInfo sk) {
        TraceHandler h = tcpReceiveReset;
        if (h != null) {
            sockEvent(Tracepoint.TCP_RECEIVE_RESET, h, sk, null, 0, 0);
        }
    }

    /** {@code sock:inet_sock_set_state}: {@code sk} goes from {@code oldState} to {@code newState} (a, b). */
    public void inetSockSetState(SockInfo sk, int oldState, int newState) {
        TraceHandler h = inetSockSetState;
        if (h != null) {
            sockEvent(Tracepoint.INET_SOCK_SET_STATE, h, sk, null, oldState, newState);
        }
    }

    /** {@code tcp:tcp_rcv_space_adjust}: receive-buffer autotuning ran on {@code sk}. */
    public void tcpRcvSpaceAdjust(SockInfo sk) {
        TraceHandler h = tcpRcvSpaceAdjust;
        if (h != null) {
            sockEvent(Tracepoint.TCP_RCV_SPACE_ADJUST, h, sk, null, 0, 0);
        }
    }

    private void sockEvent(Tracepoint tp, TraceHandler h, SockInfo sk, SkBuff skb, long a, long b) {
        TraceEvent e = event(tp);
        e.subject = sk;
        e.skb = skb;
        e.skbId = skb == null ? 0 : skb.id();
        e.a = a;
        e.b = b;
        h.fire(e);
    }

    // ---- stage probes ----

    /**
     * Entry of stage function {@code f}: returns 0 at once when {@code f} is not probed; else
     * records the call, runs the entry probe if one is attached, and returns the token to give
     * {@link #leave}. {@code a0..a3} are the arguments in {@link StageFunction#args()} order,
     * with 0 at the skb's and socket's positions (filled here).
     */
    public int enter(StageFunction f, SkBuff skb, SockInfo sk, long a0, long a1, long a2, long a3) {
        if ((probed & (1L << f.ordinal())) == 0) {
            return 0;
        }
        return enterProbed(f, skb, sk, a0, a1, a2, a3);
    }

    private int enterProbed(StageFunction f, SkBuff skb, SockInfo sk, long a0, long a1, long a2, long a3) {
        if (depth >= MAX_DEPTH || probeHandler == null) {
            return 0;
        }
        int d = ++depth;
        long skbId = skb == null ? 0 : skb.id();
        long skId = sk == null ? 0 : sk.sockId();
        long[] args = stackArgs[d];
        args[0] = a0;
        args[1] = a1;
        args[2] = a2;
        args[3] = a3;
        int si = SKB_ARG[f.ordinal()];
        if (si >= 0) {
            args[si] = skbId;
        }
        int ki = SK_ARG[f.ordinal()];
        if (ki >= 0) {
            args[ki] = skId;
        }
        stackFn[d] = f;
        stackSkb[d] = skbId;
        stackSk[d] = skId;
        stackDrops[d] = net.dropCount();
        if ((entryMask & (1L << f.ordinal())) != 0) {
            ProbeEvent p = probe;
            p.function = f;
            p.exit = false;
            p.skb = skb;
            p.skbId = skbId;
            p.skId = skId;
            System.arraycopy(args, 0, p.args, 0, ProbeEvent.MAX_ARGS);
            p.ret = 0;
            probeHandler.probe(p);
            p.skb = null;
        }
        return d;
    }

    /** Exit of the call {@code token} came from, returning {@code ret}; nothing when the token is 0. */
    public void leave(int token, long ret) {
        if (token != 0) {
            leaveProbed(token, ret, false);
        }
    }

    /**
     * Exit of a function whose Linux counterpart returns {@code NET_RX_SUCCESS} (0) or
     * {@code NET_RX_DROP} (1) and which Weir writes as a void method: {@link #NET_RX_DROP} when
     * a packet was dropped during the call, else 0.
     */
    public void leaveRx(int token) {
        if (token != 0) {
            leaveProbed(token, 0, true);
        }
    }

    private void leaveProbed(int token, long ret, boolean byDrops) {
        if (token > depth) {
            return; // an exception skipped exits; this one was already unwound
        }
        depth = token - 1;
        StageFunction f = stackFn[token];
        ProbeHandler h = probeHandler;
        if (h == null || (exitMask & (1L << f.ordinal())) == 0) {
            return;
        }
        ProbeEvent p = probe;
        p.function = f;
        p.exit = true;
        p.skb = null;
        p.skbId = stackSkb[token];
        p.skId = stackSk[token];
        System.arraycopy(stackArgs[token], 0, p.args, 0, ProbeEvent.MAX_ARGS);
        p.ret = byDrops ? (net.dropCount() != stackDrops[token] ? NET_RX_DROP : 0) : ret;
        h.probe(p);
    }

    private static final int[] SKB_ARG = new int[StageFunction.values().length];
    private static final int[] SK_ARG = new int[StageFunction.values().length];

    static {
        for (StageFunction f : StageFunction.values()) {
            SKB_ARG[f.ordinal()] = f.argIndex("skb");
            SK_ARG[f.ordinal()] = f.argIndex("sk");
        }
    }
}
