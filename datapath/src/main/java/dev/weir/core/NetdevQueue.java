package dev.weir.core;

import dev.weir.skb.SkbQueue;

/**
 * One transmit queue of a device (Linux's {@code struct netdev_queue}): its qdisc, whether the
 * driver has stopped it (ring full: backpressure into the qdisc), and the requeue queue for the
 * packets a busy driver handed back (Linux's {@code q->gso_skb}: one packet, or the unsent rest
 * of a software-segmented GSO packet).
 */
public final class NetdevQueue {
    private final NetDevice dev;
    private final int index;
    private Qdisc qdisc;
    private boolean stopped;
    /**
     * Dequeued packets the driver refused (NETDEV_TX_BUSY), already validated (segmented,
     * checksummed), sent before anything else in the qdisc. They count in the qdisc's qlen and
     * backlog while here, as Linux's requeued packets do.
     */
    public final SkbQueue requeued = new SkbQueue();
    /** Virtual time of the last transmit start. */
    public long transStart;
    /** Set while the qdisc run loop is active, so a wake during it does not recurse. */
    public boolean running;
    private boolean scheduled;

    NetdevQueue(NetDevice dev, int index) {
        this.dev = dev;
        this.index = index;
    }

    public NetDevice device() {
        return dev;
    }

    public int index() {
        return index;
    }

    public Qdisc qdisc() {
        return qdisc;
    }

    /** Installs a qdisc (the old one is destroyed by the caller). */
    public void setQdisc(Qdisc q) {
        this.qdisc = q;
        if (q != null) {
            q.attach(this);
        }
    }

    /** netif_tx_queue_stopped */
    public boolean isStopped() {
        return stopped;
    }

    /** netif_tx_stop_queue: the driver's ring is full. */
    public void stop() {
        stopped = true;
    }

    /** netif_tx_wake_queue: ring space again; runs the qdisc soon. */
    public void wake() {
        boolean was = stopped;
        stopped = false;
        if (was) {
            schedule();
        }
    }

    /** __netif_schedule: asks the transmit softirq to run this queue's qdisc (once, soon). */
    public void schedule() {
        if (!scheduled) {
            scheduled = true;
            dev.net().txScheduler().schedule(this);
        }
    }

    /** Called by the transmit scheduler when it runs the queue. */
    public void clearScheduled() {
        scheduled = false;
    }
}
