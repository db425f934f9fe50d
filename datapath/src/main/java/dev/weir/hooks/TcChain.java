package dev.weir.hooks;

import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.l2.TcHook;
import dev.weir.skb.SkBuff;
import dev.weir.verifier.LoadedProgram;
import dev.weir.verifier.ProgramRunner;

/**
 * The tc programs of one device's ingress or egress, as {@code clsact} with {@code bpf da}
 * filters: each runs in priority order on the skb (data at the Ethernet header) and its
 * {@link TcAction} decides, Linux's direct-action semantics:
 *
 * <ul>
 *   <li>{@code UNSPEC} (-1) and {@code PIPE}: no decision, the next program runs; after the
 *       last the packet goes on. Unknown values count as {@code UNSPEC}, as {@code tcx} does.
 *   <li>{@code OK}: the packet goes on now (later programs do not run).
 *   <li>{@code RECLASSIFY}: the chain starts over, at most {@link #MAX_RECLASSIFY} times
 *       (Linux's {@code max_reclassify_loop}); then the packet is dropped.
 *   <li>{@code SHOT}: dropped, reason {@code TC_INGRESS} / {@code TC_EGRESS}; a program that
 *       aborts is dropped the same way with reason {@code PROG_ABORTED}.
 *   <li>{@code STOLEN}, {@code QUEUED}, {@code REPEAT}, {@code TRAP}: consumed, not counted as a
 *       drop (Linux uses them inside the classifier framework; a direct-action program saying
 *       them means it took the packet).
 *   <li>{@code REDIRECT}: to the device {@code redirect} chose, out of its egress (through
 *       {@code dev_queue_xmit}, so its own tc egress and qdisc run) or, with
 *       {@code F_INGRESS}, into its receive path (through the CPU backlog, as
 *       {@code netif_rx}); no target, a missing device, or more than
 *       {@link #MAX_REDIRECT_DEPTH} nested redirects: dropped.
 * </ul>
 * Copies asked for with {@code cloneRedirect} are sent after the run, in order.
 */
final class TcChain implements TcHook, ProgramLink.Target {
    /** Linux's max_reclassify_loop. */
    static final int MAX_RECLASSIFY = 4;
    /** Nested redirects (egress into egress ...) before a packet is dropped, as XMIT_RECURSION_LIMIT. */
    static final int MAX_REDIRECT_DEPTH = 8;
    private static final int ETH_HLEN = 14;

    @SuppressWarnings("unchecked")
    private static final Entry<TcProgram>[] EMPTY = new Entry[0];

    private final Hooks hooks;
    private final NetDevice dev;
    private final boolean ingress;
    private final TcCtx ctx;
    private final DropReason shot;
    private Entry<TcProgram>[] entries = EMPTY;
    private boolean aborted;

    TcChain(Hooks hooks, NetDevice dev, boolean ingress) {
        this.hooks = hooks;
        this.dev = dev;
        this.ingress = ingress;
        this.ctx = new TcCtx(hooks, ingress);
        this.shot = ingress ? DropReason.TC_INGRESS : DropReason.TC_EGRESS;
    }

    void add(ProgramLink link, LoadedProgram<TcProgram> p) {
        entries = Entry.with(entries, new Entry<>(p, hooks.programs().idOf(p), link));
        if (hooks.l2.tcHook(dev, ingress) != this) {
            hooks.l2.setTcHook(dev, ingress, this);
        }
    }

    @Override
    public void detach(ProgramLink link) {
        entries = Entry.without(entries, link);
        if (entries.length == 0) {
            hooks.l2.setTcHook(dev, ingress, null);
            hooks.tcChainEmpty(dev, ingress);
        }
    }

    @Override
    public void replace(ProgramLink link, LoadedProgram<?> p) {
        LoadedProgram<TcProgram> x = p.as(TcProgram.class);
        entries = Entry.replaced(entries, link, new Entry<>(x, hooks.programs().idOf(x), link));
    }

    @Override
    public int run(SkBuff skb, NetDevice d) {
        if (ingress) {
            // sch_handle_ingress: the program sees the frame from its MAC header.
            skb.push(skb.data() - skb.macHeader());
        }
        int v = decide(skb);
        TcCtx c = ctx;
        int target = c.redirectIfindex;
        boolean toIngress = c.redirectIngress;
        int clones = c.nclones;
        c.unbind();
        for (int i = 0; i < clones; i++) {
            SkBuff k = c.clones[i];
            c.clones[i] = null;
            forward(k, c.cloneIfindex[i], c.cloneIngress[i]);
        }
        switch (v) {
            case TcAction.OK, TcAction.UNSPEC, TcAction.PIPE -> {
                if (ingress) {
                    restoreIngress(skb);
                }
                return CONTINUE;
            }
            case TcAction.SHOT -> {
                hooks.net.drop(skb, aborted ? DropReason.PROG_ABORTED : shot);
                return DROPPED;
            }
            case TcAction.REDIRECT -> {
                if (target == 0) {
                    hooks.net.drop(skb, shot);
                    return DROPPED;
                }
                return forward(skb, target, toIngress) ? TAKEN : DROPPED;
            }
            default -> {
                skb.consume();
                return TAKEN;
            }
        }
    }

    /** Runs the chain; the verdict (UNSPEC when no program decided). */
    private int decide(SkBuff skb) {
        Entry<TcProgram>[] es = entries;
        TcCtx c = ctx;
        c.bind(skb);
        aborted = false;
        int loops = 0;
        for (int i = 0; i < es.length; i++) {
            int v = runOne(es[i], c);
            switch (v) {
                case TcAction.UNSPEC, TcAction.PIPE -> { }
                case TcAction.RECLASSIFY -> {
                    if (++loops > MAX_RECLASSIFY) {
                        return TcAction.SHOT;
                    }
                    i = -1;
                    c.redirectIfindex = 0;
                }
                case TcAction.OK, TcAction.SHOT, TcAction.STOLEN, TcAction.QUEUED, TcAction.REPEAT, TcAction.REDIRECT -> {
                    return v;
                }
                default -> {
                    if (v == 8) { // TC_ACT_TRAP
                        return TcAction.STOLEN;
                    }
                }
            }
        }
        return TcAction.UNSPEC;
    }

    private int runOne(Entry<TcProgram> e, TcCtx c) {
        Hooks h = hooks;
        boolean timed = h.statsEnabled;
        long t0 = timed ? System.nanoTime() : 0;
        ProgramRunner<TcProgram> r = e.runner;
        c.begin(e.id, e.name);
        long token = r.begin();
        int v;
        try {
            v = e.program.run(c);
        } catch (ProgramAborted.TailCallDone done) {
            v = c.tailResult;
        } catch (Throwable t) {
            h.aborted(r, token, timed ? System.nanoTime() - t0 : 0, t);
            aborted = true;
            return TcAction.SHOT;
        }
        h.ended(r, token, timed ? System.nanoTime() - t0 : 0);
        return v;
    }

    /** Back to what the receive path expects: MAC header where the frame starts, data at the network header. */
    private static void restoreIngress(SkBuff skb) {
        skb.resetMacHeader();
        int nh = skb.networkHeader() - skb.data();
        if (nh < ETH_HLEN || nh > skb.headLen()) {
            nh = Math.min(ETH_HLEN, skb.headLen());
            skb.setNetworkHeader(skb.data() + nh);
        }
        skb.pull(nh);
    }

    /** A packet (data at its Ethernet header) to device {@code ifindex}'s egress or ingress; false when dropped. */
    private boolean forward(SkBuff skb, int ifindex, boolean toIngress) {
        Hooks h = hooks;
        NetDevice to = h.net.device(ifindex);
        if (to == null || h.l2 == null) {
            h.net.drop(skb, shot);
            return false;
        }
        skb.resetMacHeader();
        if (toIngress) {
            skb.setIfindex(to.ifindex());
            skb.resetNetworkHeader();
            if (h.softnet != null) {
                h.softnet.netifRx(skb);
            } else {
                h.l2.netifReceiveSkb(skb);
            }
            return true;
        }
        if (h.redirectDepth >= MAX_REDIRECT_DEPTH) {
            h.net.drop(skb, shot);
            return false;
        }
        h.redirectDepth++;
        try {
            h.l2.devQueueXmit(skb, to);
        } finally {
            h.redirectDepth--;
        }
        return true;
    }
}
