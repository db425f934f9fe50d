package dev.weir.nic;

import dev.weir.api.prog.XdpAction;
import dev.weir.core.Cpu;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetdevQueue;
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
    long rxXdpDrop;
    long rxXdpTx;
    long rxXdpTxFull;
    long rxXdpRedirect;
    long rxXdpRedirectErr;
    long rxXdpAborted;
    /** The frame an XDP program sees, reused for every frame of this queue. */
    private final XdpBuff xdpBuff = new XdpBuff();

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

    /**
     * Reads one completed receive descriptor, runs XDP on the raw frame when a program is
     * attached, builds the skb around its buffer and hands it up.
     */
    private void rxOne() {
        net.charge(net.costs().driverRx);
        RxRing r = rx;
        int s = r.sw;
        SkbData data = r.buf[s];
        int len = r.len[s];
        int start = r.headroom;
        rxPackets++;
        rxBytes += len;
        nic.stats.rxPackets++;
        nic.stats.rxBytes += len;

        // ---- XDP: on the raw frame, before any skb exists ----
        XdpHook x = nic.xdp;
        int act = XdpAction.PASS;
        if (x != null) {
            XdpBuff xb = xdpBuff;
            xb.buf = data.bytes();
            xb.data = start;
            xb.dataEnd = start + len;
            xb.frameEnd = r.bufSize;
            xb.ingressIfindex = nic.ifindex();
            xb.rxQueue = index;
            xb.progId = 0;
            xb.ntargets = 0;
            net.charge(net.costs().xdp);
            act = x.run(xb);
            xb.buf = null;
            if (act == XdpAction.DROP) {
                // The buffer stays posted in its slot: nothing to allocate, nothing to free.
                r.sw = (s + 1) % r.size;
                r.completed--;
                rxXdpDrop++;
                net.countRawDrop(DropReason.XDP);
                return;
            }
            if (act != XdpAction.PASS && act != XdpAction.TX && (act != XdpAction.REDIRECT || xb.ntargets == 0)) {
                r.sw = (s + 1) % r.size;
                r.completed--;
                rxXdpAborted++;
                if (act == XdpAction.REDIRECT) {
                    rxXdpRedirectErr++;
                }
                net.countRawDrop(DropReason.PROG_ABORTED);
                nic.trace.xdpException(xb.progId, act, nic.ifindex());
                return;
            }
            start = xb.data;
            len = xb.dataEnd - xb.data;
        }

        SkBuff skb = nic.net().pool().buildSkb(data, start, len);
        r.buf[s] = nic.net().pool().allocData(r.bufSize);
        r.allocs++;
        rxAllocs++;
        r.sw = (s + 1) % r.size;
        r.completed--;
        skb.setTstamp(r.tstamp[s]);
        skb.setIngressIfindex(nic.ifindex());
        skb.setIfindex(nic.ifindex());
        skb.setQueueMapping(index);
        if (act == XdpAction.TX) {
            xdpTx(skb);
            return;
        }
        if (act == XdpAction.REDIRECT) {
            xdpRedirect(skb);
            return;
        }
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
        if (skb.pktType() == SkBuff.PACKET_MULTICAST) {
            nic.stats.multicast++;
        }
        napi.receive(skb);
    }

    /** XDP_TX: out of this NIC's transmit ring of the same index. */
    private void xdpTx(SkBuff skb) {
        if (nic.xdpXmit(skb, index)) {
            rxXdpTx++;
        } else {
            rxXdpTxFull++;
            net.drop(skb, DropReason.FULL_RING);
        }
    }

    /**
     * XDP_REDIRECT: to the transmit routine of each target (a copy for all but the last of a
     * broadcast). A NIC takes the frame on its ring as {@code ndo_xdp_xmit}; another device
     * through its {@code startXmit} (a veth hands it to its peer).
     */
    private void xdpRedirect(SkBuff skb) {
        XdpBuff xb = xdpBuff;
        int n = xb.ntargets;
        for (int i = 0; i < n; i++) {
            SkBuff f = i == n - 1 ? skb : skb.copy();
            NetDevice dev = net.device(xb.targets[i]);
            boolean sent;
            if (dev == null) {
                net.drop(f, DropReason.XDP);
                sent = false;
            } else if (dev instanceof Nic target) {
                sent = target.xdpXmit(f, net.currentCpu().id());
                if (!sent) {
                    net.drop(f, DropReason.FULL_RING);
                }
            } else {
                f.setIfindex(dev.ifindex());
                NetdevQueue txq = dev.txQueue(0);
                sent = dev.startXmit(f, txq) == NetDevice.NETDEV_TX_OK;
                if (!sent) {
                    net.drop(f, DropReason.FULL_RING);
                }
            }
            if (sent) {
                rxXdpRedirect++;
            } else {
                rxXdpRedirectErr++;
                nic.trace.xdpException(xb.progId, XdpAction.REDIRECT, nic.ifindex());
            }
        }
    }
}
