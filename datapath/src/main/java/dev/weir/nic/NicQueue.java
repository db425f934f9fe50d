package dev.weir.nic;

import dev.weir.core.Cpu;
import dev.weir.core.Features;
import dev.weir.core.NetNs;
import dev.weir.napi.Napi;
import dev.weir.napi.RpsMap;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;

/**
 * One combined channel of a {@link Nic}: a receive ring, a transmit ring, the interrupt vector
 * they share (with its coalescing state and CPU affinity), the NAPI context that polls both, the
 * RPS map of the receive queue, and per-queue counters.
 *
 * <p>Interrupt moderation, as NICs do it: the vector fires when {@code rx-frames} receive (or
 * {@code tx-frames} transmit) completions have accumulated since it last fired, or
 * {@code rx-usecs} ({@code tx-usecs}) after the first of them, whichever comes first; a usecs
 * value of 0 fires on every completion. Firing masks the vector, charges the hard-interrupt cost
 * to the affinity CPU and schedules NAPI there; the vector is unmasked when the poll completes,
 * and fires at once if completions are already waiting.
 */
final class NicQueue implements Napi.Driver {
    final Nic nic;
    final int index;
    final NetNs net;
    final Napi napi;
    final RpsMap rps;
    final int irq;
    final Timer irqTimer;
    final long[] irqCount;
    int affinity;
    boolean irqEnabled = true;
    private int rxPending;
    private long rxFirst;
    private int txPending;
    private long txFirst;

    RxRing rx;
    TxRing tx;

    // counters for ethtool -S
    long rxPackets;
    long rxBytes;
    long rxMissed;
    long rxDropped;
    long rxCsumUnnecessary;
    long rxCsumNone;
    long rxCsumBad;
    long txPackets;
    long txBytes;
    long txStopped;
    long txWake;
    long txBusy;
    long txDropped;
    long txTsoPackets;
    long txTsoBytes;
    long txCsumPartial;
    long irqs;
    long rxAllocs;

    NicQueue(Nic nic, int index, int irq, int cpu) {
        this.nic = nic;
        this.index = index;
        this.net = nic.net();
        this.irq = irq;
        this.affinity = cpu;
        this.irqCount = new long[net.numCpus()];
        this.napi = nic.softnet().newNapi(nic.name() + "-" + index, cpu, Napi.POLL_WEIGHT, this);
        this.rps = new RpsMap(net.numCpus());
        this.napi.setRps(rps);
        this.irqTimer = net.scheduler().newTimer("irq" + irq + ":" + nic.name() + "-" + index, this::moderationTimer);
    }

    // ---- interrupt vector ----

    void rxCompleted(long now) {
        if (!irqEnabled) {
            return;
        }
        if (rxPending++ == 0) {
            rxFirst = now;
        }
        moderate(now);
    }

    void txCompleted(long now) {
        if (!irqEnabled) {
            return;
        }
        if (txPending++ == 0) {
            txFirst = now;
        }
        moderate(now);
    }

    private void moderate(long now) {
        Nic.Moderation m = nic.moderation;
        boolean rxNow = rxPending > 0 && (m.rxUsecs == 0 || (m.rxFrames > 0 && rxPending >= m.rxFrames));
        boolean txNow = txPending > 0 && (m.txUsecs == 0 || (m.txFrames > 0 && txPending >= m.txFrames));
        if (rxNow || txNow) {
            fire(now);
            return;
        }
        long due = Long.MAX_VALUE;
        if (rxPending > 0) {
            due = rxFirst + m.rxUsecs * 1000L;
        }
        if (txPending > 0) {
            due = Math.min(due, txFirst + m.txUsecs * 1000L);
        }
        if (due <= now) {
            fire(now);
        } else if (!irqTimer.isPending() || irqTimer.deadline() > due) {
            irqTimer.scheduleAt(due);
        }
    }

    private void moderationTimer() {
        fire(net.now());
    }

    /** The interrupt: mask the vector, bill the hard-IRQ work to the affinity CPU, schedule NAPI there. */
    private void fire(long now) {
        if (!irqEnabled) {
            return;
        }
        irqEnabled = false;
        rxPending = 0;
        txPending = 0;
        irqTimer.cancel();
        irqs++;
        irqCount[affinity]++;
        Cpu c = net.cpu(affinity);
        c.charge(now, net.costs().hardIrq);
        napi.schedule();
    }

    void setAffinity(int cpu) {
        affinity = cpu;
        napi.setCpu(cpu);
    }

    /** Unmasks the vector after the queue was (re)built. */
    void resetIrq() {
        irqTimer.cancel();
        rxPending = 0;
        txPending = 0;
        irqEnabled = true;
    }

    // ---- NAPI driver ----

    @Override
    public int poll(Napi n, int budget) {
        nic.cleanTx(this);
        int work = 0;
        while (work < budget && rx != null && rx.completed > 0) {
            rxOne();
            work++;
        }
        return work;
    }

    /** napi_complete_done returned true: unmask, and fire at once if work already waits. */
    @Override
    public void complete(Napi n) {
        irqEnabled = true;
        boolean waiting = (rx != null && rx.completed > 0) || (tx != null && tx.done > 0);
        if (waiting) {
            long now = net.now();
            if (rx != null && rx.completed > 0) {
                rxPending = rx.completed;
                rxFirst = now;
            }
            fire(now);
        }
    }

    /** Reads one completed receive descriptor, builds the skb around its buffer and hands it up. */
    private void rxOne() {
        net.charge(net.costs().driverRx);
        RxRing r = rx;
        int s = r.sw;
        SkbData data = r.buf[s];
        int len = r.len[s];

        // ---- XDP runs here (issue 6): on the raw frame, data.bytes() at SkBuff.NET_SKB_PAD,
        // len bytes, before any skb exists; a DROP or TX verdict recycles the buffer in place.

        SkBuff skb = nic.net().pool().buildSkb(data, SkBuff.NET_SKB_PAD, len);
        r.buf[s] = nic.net().pool().allocData(r.bufSize);
        r.allocs++;
        rxAllocs++;
        r.sw = (s + 1) % r.size;
        r.completed--;

        skb.setTstamp(r.tstamp[s]);
        skb.setIngressIfindex(nic.ifindex());
        skb.setIfindex(nic.ifindex());
        skb.setQueueMapping(index);
        if (r.hashed[s] && nic.hasFeature(Features.RXHASH)) {
            skb.setHash(r.hash[s], r.l4Hash[s]);
        }
        byte cs = r.csum[s];
        if (cs == RxParse.CSUM_GOOD) {
            skb.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
            rxCsumUnnecessary++;
        } else {
            skb.setIpSummed(SkBuff.CHECKSUM_NONE);
            rxCsumNone++;
            if (cs == RxParse.CSUM_BAD) {
                rxCsumBad++;
            }
        }
        Eth.typeTrans(skb, nic);
        rxPackets++;
        rxBytes += len;
        nic.stats.rxPackets++;
        nic.stats.rxBytes += len;
        if (skb.pktType() == SkBuff.PACKET_MULTICAST) {
            nic.stats.multicast++;
        }
        napi.receive(skb);
    }
}
