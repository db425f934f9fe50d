package dev.weir.qdisc;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * {@code pfifo_fast}, Linux's default qdisc: three FIFO bands, band 0 served first, a packet's
 * band chosen from its {@link SkBuff#priority()} (low 4 bits) through the priomap
 * {@code 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1} (so TC_PRIO_INTERACTIVE (6) and TC_PRIO_CONTROL (7)
 * go first, TC_PRIO_BESTEFFORT (0) in the middle, TC_PRIO_BULK (2) last). Each band holds at most
 * txqueuelen packets, taken when the qdisc is created (Linux sizes its three rings then); a
 * packet whose band is full is dropped and counted.
 */
public final class PfifoFast extends BaseQdisc {
    /** TC_PRIO_MAX + 1 entries. */
    static final int[] PRIO2BAND = {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    static final int BANDS = 3;
    static final int TC_PRIO_MAX = 15;

    private final SkbQueue[] bands = {new SkbQueue(), new SkbQueue(), new SkbQueue()};
    private final int bandLimit;

    public PfifoFast(NetDevice dev) {
        super("pfifo_fast", dev);
        this.bandLimit = dev.txQueueLen();
    }

    /** Packets a band holds at most (txqueuelen at creation). */
    public int bandLimit() {
        return bandLimit;
    }

    /** Packets queued in {@code band} now. */
    public int bandLength(int band) {
        return bands[band].size();
    }

    @Override
    public int enqueue(SkBuff skb) {
        SkbQueue band = bands[PRIO2BAND[skb.priority() & TC_PRIO_MAX]];
        if (band.size() >= bandLimit) {
            qdiscDrop(skb);
            return NET_XMIT_DROP;
        }
        band.addLast(skb);
        accountEnqueue(skb);
        return NET_XMIT_SUCCESS;
    }

    @Override
    protected SkBuff doDequeue() {
        for (SkbQueue band : bands) {
            SkBuff s = band.pollFirst();
            if (s != null) {
                accountDequeue(s);
                return s;
            }
        }
        return null;
    }

    @Override
    public SkBuff peek() {
        for (SkbQueue band : bands) {
            SkBuff s = band.peekFirst();
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    @Override
    protected void doReset() {
        for (SkbQueue band : bands) {
            purgeAll(band);
        }
    }

    @Override
    public String describeParameters() {
        StringBuilder sb = new StringBuilder("bands ").append(BANDS).append(" priomap");
        for (int b : PRIO2BAND) {
            sb.append(' ').append(b);
        }
        return sb.toString();
    }
}
