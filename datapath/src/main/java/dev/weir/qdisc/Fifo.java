package dev.weir.qdisc;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * {@code pfifo} and {@code bfifo} (Linux's sch_fifo): one tail-drop FIFO limited in packets
 * ({@code pfifo}, default the device's txqueuelen) or in bytes ({@code bfifo}, default
 * txqueuelen times the MTU with its link-layer header, 1514000 for an Ethernet device at 1000).
 * A packet that does not fit is dropped and counted; nothing already queued is touched.
 */
public final class Fifo extends BaseQdisc {
    /** What tc parsed: the limit, or null when none was given (tc then sends no options). */
    record Options(Long limit) {}

    private final boolean bytesLimit;
    private long limit;
    private final SkbQueue q = new SkbQueue();

    /** A FIFO with the default limit for {@code dev}. */
    public static Fifo pfifo(NetDevice dev) {
        return new Fifo("pfifo", dev, null);
    }

    public static Fifo bfifo(NetDevice dev) {
        return new Fifo("bfifo", dev, null);
    }

    Fifo(String kind, NetDevice dev, Long limit) {
        super(kind, dev);
        this.bytesLimit = kind.equals("bfifo");
        this.limit = limit != null ? limit : defaultLimit(dev, bytesLimit);
    }

    static long defaultLimit(NetDevice dev, boolean bytes) {
        long l = dev.txQueueLen();
        return bytes ? l * pschedMtu(dev) : l;
    }

    public long limit() {
        return limit;
    }

    /** fifo_set_limit: what tbf does to its inner bfifo when its limit changes. */
    void setLimit(long l) {
        limit = l;
    }

    @Override
    public int enqueue(SkBuff skb) {
        boolean fits = bytesLimit ? backlog + skb.len() <= limit : qlen < limit;
        if (!fits) {
            qdiscDrop(skb);
            return NET_XMIT_DROP;
        }
        q.addLast(skb);
        accountEnqueue(skb);
        return NET_XMIT_SUCCESS;
    }

    @Override
    protected SkBuff doDequeue() {
        SkBuff s = q.pollFirst();
        if (s != null) {
            accountDequeue(s);
        }
        return s;
    }

    @Override
    public SkBuff peek() {
        return q.peekFirst();
    }

    @Override
    protected void doReset() {
        purgeAll(q);
    }

    @Override
    void change(Object options) {
        Options o = (Options) options;
        if (o != null && o.limit() != null) {
            limit = o.limit();
        }
    }

    @Override
    public String describeParameters() {
        return bytesLimit ? "limit " + TcUnits.size(limit) : "limit " + limit + "p";
    }
}
