package dev.weir.qdisc;

import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetdevQueue;
import dev.weir.skb.SkBuff;
import java.util.List;

/**
 * {@code tbf}, the token bucket filter (Linux's sch_tbf): shapes to {@code rate} with bursts of
 * up to {@code burst} bytes, optionally to a {@code peakrate} over bursts of {@code mtu} bytes.
 *
 * <p>Tokens are kept as Linux keeps them, in nanoseconds of transmission time: the bucket holds
 * at most {@code buffer = burst / rate} ns and fills at one ns per ns. The head packet may leave
 * when the tokens, less its length's time at the rate ({@link RateCfg#l2t}), stay non-negative
 * (and the same for the peak bucket); otherwise tbf counts an overlimit and arms its watchdog for
 * the moment they will, and the device layer runs it again then. Packets wait in an inner qdisc,
 * a {@code bfifo} of {@code limit} bytes (or whatever {@code tc qdisc add ... parent tbf:1}
 * grafted there). A packet longer than the bucket can ever hold is dropped at enqueue.
 *
 * <p>Linux segments a GSO packet longer than the bucket and shapes the segments. Weir's qdiscs
 * sit before GSO, so tbf instead lets such a packet leave when the bucket is full and charges its
 * whole length: the tokens go into debt and the following packets wait it out. The long-run rate
 * is the same; the burst is one GSO packet.
 */
public final class Tbf extends BaseQdisc {
    /**
     * What tc sends (after its own computations): limit in bytes, rate and peak rate in bytes
     * per second, burst and mtu in bytes, overhead in bytes.
     */
    record Options(long limit, long rate, long burst, long peakrate, long mtu, int overhead) {}

    private long limit;
    private int overhead;
    private RateCfg rate;
    private RateCfg peak;
    private long buffer;   // ns
    private long mtu;      // ns
    private long maxSize;  // bytes
    private long tokens;
    private long ptokens;
    private long tc;       // time check-point
    private BaseQdisc child;

    Tbf(NetDevice dev, Options o) {
        super("tbf", dev);
        tc = now();
        configure(o);
    }

    /** Creates the default inner bfifo of {@code limit} bytes (hidden from tc show), as tbf_change does. */
    @Override
    void init() {
        if ((child == null || child instanceof Noop) && limit > 0) {
            Fifo f = new Fifo("bfifo", dev, limit);
            f.setParent(Handles.make(handle(), 1));
            f.invisible = true;
            child = f;
            Qdiscs.hashAdd(dev, f);
        } else if (child == null) {
            child = new Noop(dev);
        }
        if (txq != null) {
            child.attach(txq);
        }
    }

    private void configure(Options o) {
        RateCfg r = new RateCfg(o.rate(), o.overhead());
        long max = o.burst();
        long buf = r.l2t(o.burst());
        RateCfg p = null;
        long m = 0;
        if (o.peakrate() > 0) {
            p = new RateCfg(o.peakrate(), o.overhead());
            if (p.rateBytesPs <= r.rateBytesPs) {
                throw new CommandException(2, "RTNETLINK answers: Invalid argument");
            }
            max = Math.min(max, o.mtu());
            m = p.l2t(o.mtu());
        }
        if (max == 0) {
            throw new CommandException(2, "RTNETLINK answers: Invalid argument");
        }
        if (child instanceof Fifo f) {
            f.setLimit(o.limit());
        }
        limit = o.limit();
        overhead = o.overhead();
        rate = r;
        peak = p;
        buffer = buf;
        mtu = m;
        maxSize = max;
        tokens = buffer;
        ptokens = mtu;
    }

    @Override
    void change(Object options) {
        if (options == null) {
            return;
        }
        configure((Options) options);
        init();
    }

    @Override
    public void attach(NetdevQueue q) {
        super.attach(q);
        if (child != null) {
            child.attach(q);
        }
    }

    @Override
    public int enqueue(SkBuff skb) {
        if (skb.len() > maxSize && !(skb.isGso() && segmentFits(skb))) {
            qdiscDrop(skb);
            return NET_XMIT_DROP;
        }
        int ret = child.enqueue(skb);
        if (ret != NET_XMIT_SUCCESS) {
            drops++;
        }
        syncWithChild();
        return ret;
    }

    /**
     * tbf holds nothing itself: its queue is the child's. Mirroring the child's counts is what
     * Linux reaches through qdisc_tree_reduce_backlog when a child drops or swallows packets
     * (fq_codel's batch drops, netem's losses).
     */
    private void syncWithChild() {
        SkBuff held = heldByPeek();
        qlen = child.qlen + (held != null ? 1 : 0);
        backlog = child.backlog + (held != null ? held.len() : 0);
    }

    private boolean segmentFits(SkBuff skb) {
        int hdr = skb.transportHeaderSet() && skb.macHeaderSet() ? skb.transportHeader() - skb.macHeader() : 0;
        return hdr >= 0 && hdr + skb.gsoSize() <= maxSize;
    }

    @Override
    protected SkBuff doDequeue() {
        SkBuff skb = child.peek();
        if (skb == null) {
            return null;
        }
        long now = now();
        long len = skb.len();
        long toks = Math.min(now - tc, buffer);
        long ptoks = 0;
        long cost = rate.l2t(len);
        boolean oversized = len > maxSize;
        if (peak != null) {
            ptoks = Math.min(toks + ptokens, mtu) - (oversized ? Math.min(peak.l2t(len), mtu) : peak.l2t(len));
        }
        toks = Math.min(toks + tokens, buffer);
        // An oversized GSO packet needs a full bucket, then leaves the tokens in debt.
        long check = oversized ? toks - Math.min(cost, buffer) : toks - cost;
        if ((check | ptoks) >= 0) {
            SkBuff s = child.dequeue();
            tc = now;
            tokens = toks - cost;
            ptokens = ptoks;
            syncWithChild();
            bytes += s.len();
            packets++;
            return s;
        }
        watchdogAt(now + Math.max(-check, -ptoks));
        overlimits++;
        return null;
    }

    @Override
    protected void doReset() {
        if (child != null) {
            child.reset();
        }
        tc = now();
        tokens = buffer;
        ptokens = mtu;
    }

    @Override
    List<BaseQdisc> children() {
        return child == null ? List.of() : List.of(child);
    }

    @Override
    BaseQdisc leaf(int minor) {
        return child;
    }

    @Override
    void graft(int minor, BaseQdisc q) {
        BaseQdisc old = child;
        child = q != null ? q : new Noop(dev);
        if (txq != null) {
            child.attach(txq);
        }
        syncWithChild();
        if (old != null) {
            Qdiscs.destroyTree(dev, old);
        }
    }

    /** Bucket depth in ns of transmission at the rate. */
    public long bufferNanos() {
        return buffer;
    }

    /** Tokens now (ns), without consuming: what a packet of length 0 would see. */
    public long tokensNow() {
        return Math.min(Math.min(now() - tc, buffer) + tokens, buffer);
    }

    public long rateBytesPerSecond() {
        return rate.rateBytesPs;
    }

    public long limit() {
        return limit;
    }

    /** The largest packet that can ever pass (burst, or the peak bucket's mtu when smaller). */
    public long maxSize() {
        return maxSize;
    }

    /**
     * As tc 6.1 prints it: the rate, the burst recovered from the bucket's depth in psched ticks
     * (so tc's rounding shows: {@code burst 1540} at 100mbit reads back as {@code 1537b}), the
     * peak rate and its bucket, and the latency the limit allows.
     */
    @Override
    public String describeParameters() {
        StringBuilder sb = new StringBuilder();
        long rate64 = rate.rateBytesPs;
        long bufferTicks = TcUnits.ns2ticks(buffer) & 0xffff_ffffL;
        sb.append("rate ").append(TcUnits.rate(rate64)).append(' ');
        sb.append("burst ").append(TcUnits.size(TcUnits.xmitsize(rate64, bufferTicks))).append(' ');
        long mtuTicks = TcUnits.ns2ticks(mtu) & 0xffff_ffffL;
        if (peak != null) {
            sb.append("peakrate ").append(TcUnits.rate(peak.rateBytesPs)).append(' ');
            if (mtuTicks != 0) {
                sb.append("minburst ").append(TcUnits.size(TcUnits.xmitsize(peak.rateBytesPs, mtuTicks))).append(' ');
            }
        }
        double latency = TcUnits.USEC_PER_SEC * (limit / (double) rate64) - TcUnits.tick2time(bufferTicks);
        if (peak != null) {
            double lat2 = TcUnits.USEC_PER_SEC * (limit / (double) peak.rateBytesPs) - TcUnits.tick2time(mtuTicks);
            latency = Math.max(latency, lat2);
        }
        if (latency >= 0.0) {
            sb.append("lat ").append(TcUnits.time(TcUnits.toU32(latency))).append(' ');
        } else {
            sb.append("limit ").append(TcUnits.size(limit)).append(' ');
        }
        if (overhead != 0) {
            sb.append("overhead ").append(overhead).append(' ');
        }
        return sb.toString();
    }
}
