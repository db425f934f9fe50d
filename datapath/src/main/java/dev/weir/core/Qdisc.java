package dev.weir.core;

import dev.weir.skb.SkBuff;

/**
 * The contract of a queueing discipline (Linux's {@code struct Qdisc} with its
 * {@code Qdisc_ops}). Implementations live in {@code dev.weir.qdisc}; the device layer sees only
 * this class.
 *
 * <p>Call order, as Linux's {@code __dev_xmit_skb} and {@code qdisc_restart}: the transmit path
 * {@link #enqueue}s a packet, then runs the qdisc: {@link #dequeue} until it returns null or the
 * driver's queue stops. A dequeued packet the driver refuses goes back through the generic
 * requeue slot (counted in {@link #requeues}), never through {@code enqueue}.
 *
 * <p>A qdisc that holds packets but may not release them yet (tbf out of tokens, fq pacing,
 * netem delay) returns null from {@code dequeue} and arms a timer that calls
 * {@link NetdevQueue#schedule()} when the next packet becomes eligible (Linux's qdisc watchdog).
 *
 * <p>Ownership: {@code enqueue} takes the buffer; a qdisc that drops it frees it through
 * {@link NetNs#drop} with {@link DropReason#QDISC_DROP} and counts it in {@link #drops}.
 */
public abstract class Qdisc {
    /** Queued. */
    public static final int NET_XMIT_SUCCESS = 0;
    /** Dropped: this packet was not queued. */
    public static final int NET_XMIT_DROP = 1;
    /** Queued, but congestion: another packet was dropped or marked to make room. */
    public static final int NET_XMIT_CN = 2;

    private final String kind;
    protected NetdevQueue txq;
    private int handle;
    private int parent = -1;

    /** Basic and queue statistics, as {@code tc -s qdisc} prints them. */
    public long bytes;
    public long packets;
    public long drops;
    public long overlimits;
    public long requeues;
    /** Packets queued now. */
    public int qlen;
    /** Bytes queued now. */
    public long backlog;

    protected Qdisc(String kind) {
        this.kind = kind;
    }

    /** The name {@code tc} uses: pfifo_fast, fq_codel, tbf, ... */
    public final String kind() {
        return kind;
    }

    /** Attaches this qdisc to a device transmit queue (done by the device layer). */
    public void attach(NetdevQueue q) {
        this.txq = q;
    }

    public NetdevQueue txq() {
        return txq;
    }

    public int handle() {
        return handle;
    }

    public void setHandle(int h) {
        handle = h;
    }

    /** Parent handle, -1 for root. */
    public int parent() {
        return parent;
    }

    public void setParent(int p) {
        parent = p;
    }

    /** Takes {@code skb}; returns {@link #NET_XMIT_SUCCESS}, {@link #NET_XMIT_DROP} or {@link #NET_XMIT_CN}. */
    public abstract int enqueue(SkBuff skb);

    /** The next packet to send, or null if none may be sent now. */
    public abstract SkBuff dequeue();

    /** The packet {@link #dequeue} would return, without removing it; null if none. */
    public abstract SkBuff peek();

    /** Drops everything queued (device down, qdisc replaced): freed with {@link DropReason#QUEUE_PURGE}. */
    public abstract void reset();

    /** Releases timers and queued packets when the qdisc is removed. */
    public void destroy() {
        reset();
    }

    /** The parameters as {@code tc qdisc show} prints them after the kind and handle, e.g. "limit 1000p". */
    public abstract String describeParameters();

    /** Extra lines of {@code tc -s qdisc show} particular to this kind (fq_codel's maxpacket, drop_overlimit...), or "". */
    public String describeExtraStats() {
        return "";
    }

    /** Bookkeeping helpers for implementations. */
    protected final void accountEnqueue(SkBuff skb) {
        qlen++;
        backlog += skb.len();
    }

    protected final void accountDequeue(SkBuff skb) {
        qlen--;
        backlog -= skb.len();
        bytes += skb.len();
        packets++;
    }

    /** Drops a packet this qdisc owns, counting it. */
    protected final void dropPacket(SkBuff skb) {
        drops++;
        txq.device().net().drop(skb, DropReason.QDISC_DROP);
    }
}
