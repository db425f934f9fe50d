package dev.weir.qdisc;

import dev.weir.core.CommandException;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;
import java.util.List;

/**
 * What every Weir qdisc shares on top of the core {@link Qdisc} contract: the device it was made
 * for, the watchdog timer (Linux's {@code qdisc_watchdog}), the peeked-packet slot
 * ({@code qdisc_peek_dequeued}), {@code tc change}, and its place in the tree tc shows.
 *
 * <p><b>Dequeue and peek.</b> Subclasses implement {@link #doDequeue}. {@link #peek} by default
 * dequeues one packet into a private slot and gives it back on the next {@link #dequeue}, as
 * Linux's {@code qdisc_peek_dequeued}: the packet stays counted in {@link #qlen} and
 * {@link #backlog} meanwhile (its bytes are already in {@link #bytes}). FIFOs override
 * {@code peek} with a plain look at their head.
 *
 * <p><b>The skb control block.</b> While a packet is inside a qdisc, {@code skb.cb[0]} and
 * {@code skb.cb[1]} belong to the qdisc that holds it (Linux's {@code qdisc_skb_cb}): fq_codel
 * keeps the enqueue time in {@code cb[0]} and the buffer's memory charge in {@code cb[1]}; fq and
 * netem keep the time to send in {@code cb[0]}. See {@link #CB_TIME} and {@link #CB_AUX}. The
 * device layer must not keep anything there across enqueue and dequeue.
 *
 * <p><b>Watchdog.</b> A qdisc that holds packets it may not send yet arms {@link #watchdogAt};
 * when it fires it calls {@link NetdevQueue#schedule()} on the queue the qdisc is attached to,
 * and the device layer's transmit softirq runs the qdisc again.
 */
public abstract class BaseQdisc extends Qdisc {
    /** skb.cb slot for a qdisc's time stamp (enqueue time or time to send), in ns. */
    public static final int CB_TIME = 0;
    /** skb.cb slot for a qdisc's second word (fq_codel's memory charge). */
    public static final int CB_AUX = 1;

    /** Linux's TC_H_ROOT: the parent of a root qdisc. */
    public static final int TC_H_ROOT = 0xffff_ffff;

    protected final NetDevice dev;
    protected final NetNs net;
    private Timer watchdog;
    private SkBuff peeked;
    /** Hidden from tc show (tbf's default bfifo child), as Linux's TCQ_F_INVISIBLE. */
    boolean invisible;

    protected BaseQdisc(String kind, NetDevice dev) {
        super(kind);
        this.dev = dev;
        this.net = dev.net();
        setParent(TC_H_ROOT);
    }

    public final NetDevice device() {
        return dev;
    }

    /**
     * Attaches to a transmit queue. A root the device's queues share keeps the first one it is
     * attached to: that is the queue its watchdog wakes.
     */
    @Override
    public void attach(NetdevQueue q) {
        if (txq == null) {
            super.attach(q);
        }
    }

    @Override
    public final SkBuff dequeue() {
        SkBuff s = peeked;
        if (s != null) {
            peeked = null;
            qlen--;
            backlog -= s.len();
            return s;
        }
        return doDequeue();
    }

    /** The next packet to send now, with its statistics updated, or null. */
    protected abstract SkBuff doDequeue();

    @Override
    public SkBuff peek() {
        if (peeked == null) {
            SkBuff s = doDequeue();
            if (s != null) {
                peeked = s;
                qlen++;
                backlog += s.len();
            }
        }
        return peeked;
    }

    /** The packet {@link #peek} holds for the next dequeue, or null (counted in qlen and backlog). */
    protected final SkBuff heldByPeek() {
        return peeked;
    }

    @Override
    public final void reset() {
        SkBuff s = peeked;
        if (s != null) {
            peeked = null;
            net.drop(s, DropReason.QUEUE_PURGE);
        }
        doReset();
        qlen = 0;
        backlog = 0;
        if (watchdog != null) {
            watchdog.cancel();
        }
    }

    /** Frees every packet held (with {@link DropReason#QUEUE_PURGE}) and clears the scheduling state. */
    protected abstract void doReset();

    @Override
    public void destroy() {
        reset();
        for (BaseQdisc c : children()) {
            if (c != null) {
                c.destroy();
            }
        }
    }

    /**
     * The part of creation that needs the handle and parent (set just before): mq refuses a
     * non-root place and makes its children, tbf its inner bfifo. Throws tc's error on failure.
     */
    void init() {}

    /** For a qdisc with an attach step (mq): puts its children on the device's queues once it is the root. */
    void attachChildren() {}

    /**
     * {@code tc qdisc change}: applies options {@code tc} parsed for this kind. Kinds without a
     * change operation refuse, as Linux does.
     */
    void change(Object options) {
        throw new CommandException(2, "Error: Change operation not supported by specified qdisc.");
    }

    /** The qdiscs attached under this one's classes (mq's per-queue children, tbf's inner qdisc). */
    List<BaseQdisc> children() {
        return List.of();
    }

    /**
     * The child at class minor {@code minor} for {@code tc ... parent H:minor}: what is grafted
     * there now. Throws tc's error when this qdisc has no such class.
     */
    BaseQdisc leaf(int minor) {
        throw new CommandException(2, "Error: Parent qdisc is not classful.");
    }

    /** Replaces the child at class minor {@code minor}; {@code q} null means the kind's empty default. */
    void graft(int minor, BaseQdisc q) {
        throw new CommandException(2, "RTNETLINK answers: Operation not supported");
    }

    /** Refreshes statistics computed from children before tc prints them (mq sums its queues). */
    void refreshStats() {}

    // ---- helpers for implementations ----

    /** Drops a packet this qdisc was handed or holds: counted in {@link #drops}, freed as QDISC_DROP. */
    protected final void qdiscDrop(SkBuff skb) {
        drops++;
        net.drop(skb, DropReason.QDISC_DROP);
    }

    /** Frees a packet without counting it in {@link #drops} (a purge). */
    protected final void purge(SkBuff skb) {
        net.drop(skb, DropReason.QUEUE_PURGE);
    }

    /** Frees everything on {@code q} as a purge. */
    protected final void purgeAll(SkbQueue q) {
        SkBuff s;
        while ((s = q.pollFirst()) != null) {
            purge(s);
        }
    }

    /**
     * Inserts {@code skb} into {@code q} ordered by {@code cb[CB_TIME]}, after every packet due no
     * later (FIFO among equal times). Usually at the tail; jitter or EDT timestamps make it walk
     * back (Linux keeps an rb-tree beside a linear list for the same reason).
     */
    protected static void insertByTime(SkbQueue q, SkBuff skb) {
        long t = skb.cb[CB_TIME];
        SkBuff last = q.peekLast();
        if (last == null || t >= last.cb[CB_TIME]) {
            q.addLast(skb);
            return;
        }
        SkBuff at = q.peekFirst();
        while (at.cb[CB_TIME] <= t) {
            at = q.next(at);
        }
        q.insertBefore(at, skb);
    }

    /** Virtual time now, in ns. */
    protected final long now() {
        return net.now();
    }

    /**
     * Arms the watchdog to wake the device queue at {@code timeNs} (not before now). Re-arming
     * moves the deadline, as {@code qdisc_watchdog_schedule_ns} does.
     */
    protected final void watchdogAt(long timeNs) {
        if (watchdog == null) {
            watchdog = net.scheduler().newTimer(kind() + " watchdog on " + dev.name(), this::watchdogFired);
        }
        long at = Math.max(timeNs, now());
        if (watchdog.deadline() != at) {
            watchdog.scheduleAt(at);
        }
    }

    /** The watchdog's deadline, or -1 when it is not armed. */
    public final long watchdogDeadline() {
        return watchdog == null ? -1 : watchdog.deadline();
    }

    private void watchdogFired() {
        if (txq != null) {
            txq.schedule();
        }
    }

    /** psched_mtu: the device MTU plus its link-layer header (14 for Ethernet and loopback). */
    static int pschedMtu(NetDevice dev) {
        int hh = dev.type() == NetDevice.ARPHRD_ETHER || dev.type() == NetDevice.ARPHRD_LOOPBACK ? 14 : 0;
        return dev.mtu() + hh;
    }

    /**
     * What a buffer costs in memory (Linux's {@code skb->truesize}): its data area plus the
     * fragment bytes plus the metadata Linux allocates beside it ({@code struct sk_buff} and
     * {@code skb_shared_info}, 576 bytes on x86-64).
     */
    static long truesize(SkBuff skb) {
        return skb.end() + skb.dataLen() + 576;
    }

    @Override
    public String toString() {
        return kind() + " " + Handles.format(handle()) + " on " + dev.name();
    }
}
