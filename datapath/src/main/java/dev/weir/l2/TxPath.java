package dev.weir.l2;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.core.Cpu;
import dev.weir.core.DropReason;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.core.Sysctls;
import dev.weir.qdisc.Qdiscs;
import dev.weir.sim.Timer;
import dev.weir.skb.Gso;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;
import dev.weir.api.prog.StageFunction;
import dev.weir.trace.Tracing;
import java.util.ArrayDeque;

/**
 * The transmit half of the device layer: dev_queue_xmit, the qdisc run loop (__qdisc_run,
 * qdisc_restart, sch_direct_xmit), validate_xmit_skb, dev_hard_start_xmit, and the NET_TX
 * softirq that runs queues woken by drivers or rescheduled when their quota ran out.
 */
final class TxPath implements NetNs.TxScheduler {
    /** XMIT_RECURSION_LIMIT: nested transmits (VLAN over VLAN over ...) before a packet is dropped as a loop. */
    static final int RECURSION_LIMIT = 8;

    private final NetNs net;
    private final Taps taps;
    private final Tracing trace;
    /** tc egress hooks by ifindex (null: none); L2.setTcHook replaces the array. */
    TcHook[] tcEgress = new TcHook[16];
    private final Sysctls.Value devWeight;
    private final Sysctls.Value txBias;
    private final ArrayDeque<NetdevQueue>[] outputQueue;
    private final Timer[] netTx;
    /** One scratch list per transmit nesting level, for a packet and its GSO segments. */
    private final SkbQueue[] scratch = new SkbQueue[RECURSION_LIMIT + 1];
    private int depth;
    Segmenter segmenter = Gso::segment;

    @SuppressWarnings("unchecked")
    TxPath(NetNs net, Taps taps, Tracing trace) {
        this.net = net;
        this.taps = taps;
        this.trace = trace;
        Sysctls s = net.sysctls();
        devWeight = intKnob(s, "net.core.dev_weight", 64, 1, Integer.MAX_VALUE,
                "packets a NAPI backlog poll may process; times the tx bias, a qdisc run's quota (dev_tx_weight)");
        txBias = intKnob(s, "net.core.dev_weight_tx_bias", 1, 1, Integer.MAX_VALUE,
                "multiplies dev_weight into the qdisc run quota (dev_tx_weight)");
        int n = net.numCpus();
        outputQueue = new ArrayDeque[n];
        netTx = new Timer[n];
        for (int i = 0; i < n; i++) {
            outputQueue[i] = new ArrayDeque<>();
            int cpu = i;
            netTx[i] = net.scheduler().newTimer(net.name() + ":net_tx:" + i, () -> netTxAction(cpu));
        }
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new SkbQueue();
        }
    }

    /** The knob if another stage registered it already (net.core.dev_weight is NAPI's too), else registered here. */
    static Sysctls.Value intKnob(Sysctls s, String name, long def, long min, long max, String doc) {
        return s.exists(name) ? s.value(name) : s.registerInt(name, def, min, max, doc);
    }

    /** dev_tx_weight: packets one qdisc run may send before it yields to the NET_TX event. */
    int quota() {
        long q = devWeight.get() * txBias.get();
        return q > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, q);
    }

    // ---- dev_queue_xmit ------------------------------------------------------------------

    int devQueueXmit(SkBuff skb, NetDevice dev) {
        int t = trace.enter(StageFunction.DEV_QUEUE_XMIT, skb, null, 0, 0, 0, 0);
        int rc = devQueueXmit0(skb, dev);
        trace.leave(t, rc);
        return rc;
    }

    private int devQueueXmit0(SkBuff skb, NetDevice dev) {
        skb.setIfindex(dev.ifindex());
        skb.resetMacHeader();

        // ---- tc egress (sch_handle_egress) ----
        TcHook tc = L2.tcHook(tcEgress, dev);
        if (tc != null) {
            int v = tc.run(skb, dev);
            if (v != TcHook.CONTINUE) {
                // As sch_handle_egress: NET_XMIT_DROP for a drop, success for a packet stolen or redirected.
                return v == TcHook.DROPPED ? Qdisc.NET_XMIT_DROP : Qdisc.NET_XMIT_SUCCESS;
            }
        }

        if (!dev.isUp()) {
            dev.stats.txDropped++;
            net.drop(skb, DropReason.DEV_READY);
            return Qdisc.NET_XMIT_DROP;
        }
        int qi = dev.selectQueue(skb);
        if (qi < 0 || qi >= dev.numTxQueues()) {
            qi = 0;
        }
        skb.setQueueMapping(qi);
        NetdevQueue txq = dev.txQueue(qi);
        Qdisc q = txq.qdisc();
        if (q != null && !Qdiscs.isNoQueue(q)) {
            int rc = q.enqueue(skb);
            run(txq);
            return rc;
        }
        return noqueueXmit(skb, dev, txq);
    }

    /** The noqueue branch of __dev_queue_xmit: validate and hand to the driver now, or drop. */
    private int noqueueXmit(SkBuff skb, NetDevice dev, NetdevQueue txq) {
        if (depth >= RECURSION_LIMIT) {
            // "Dead loop on virtual device": a stack of devices transmitting into each other.
            dev.stats.txDropped++;
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return Qdisc.NET_XMIT_DROP;
        }
        SkbQueue list = scratch[++depth];
        try {
            if (!validate(skb, dev, list)) {
                return Qdisc.NET_XMIT_DROP;
            }
            if (!txq.isStopped() && hardStartXmit(list, dev, txq) == NetDevice.NETDEV_TX_OK) {
                return Qdisc.NET_XMIT_SUCCESS;
            }
            // "Virtual device asks to queue packet!": a noqueue device cannot hold what its
            // driver refused.
            dev.stats.txDropped++;
            purge(list, DropReason.FULL_RING);
            return Qdisc.NET_XMIT_DROP;
        } finally {
            depth--;
        }
    }

    // ---- the qdisc run loop ----------------------------------------------------------------

    /**
     * __qdisc_run: sends from {@code txq}'s qdisc until it is empty, holds back, the driver
     * stops the queue, or the quota is used up (then the rest runs on the next NET_TX event).
     * Re-entered calls (a wake while running) return at once: the running loop carries on.
     */
    void run(NetdevQueue txq) {
        if (txq.running || txq.qdisc() == null || Qdiscs.isNoQueue(txq.qdisc())) {
            return;
        }
        txq.running = true;
        try {
            int quota = quota();
            while (restart(txq)) {
                if (--quota <= 0) {
                    txq.schedule();
                    break;
                }
            }
        } finally {
            txq.running = false;
        }
    }

    /** qdisc_restart + sch_direct_xmit for one packet; true when another may follow. */
    private boolean restart(NetdevQueue txq) {
        Qdisc q = txq.qdisc();
        NetDevice dev = txq.device();
        // TCQ_F_ONETXQUEUE: nothing is dequeued while the driver has the queue stopped.
        if (txq.isStopped() || !dev.isUp()) {
            return false;
        }
        SkBuff skb;
        boolean validate;
        if (!txq.requeued.isEmpty()) {
            skb = txq.requeued.pollFirst();
            q.qlen--;
            q.backlog -= skb.len();
            validate = false; // validated before it was requeued
        } else {
            skb = q.dequeue();
            trace.qdiscDequeue(q, txq, skb, skb == null ? 0 : 1);
            if (skb == null) {
                return false;
            }
            validate = true;
        }
        if (depth >= RECURSION_LIMIT) {
            dev.stats.txDropped++;
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return true;
        }
        SkbQueue list = scratch[++depth];
        try {
            if (validate) {
                if (!validate(skb, dev, list)) {
                    return true;
                }
            } else {
                list.addLast(skb);
            }
            if (hardStartXmit(list, dev, txq) == NetDevice.NETDEV_TX_OK) {
                return true;
            }
            // dev_requeue_skb: what the driver refused goes first next time, counted as queued.
            SkBuff s;
            while ((s = list.pollFirst()) != null) {
                txq.requeued.addLast(s);
                q.requeues++;
                q.qlen++;
                q.backlog += s.len();
            }
            txq.schedule();
            return false;
        } finally {
            depth--;
        }
    }

    /**
     * dev_hard_start_xmit over {@code list}: each packet to the taps, then the driver. Returns
     * NETDEV_TX_OK when all went, else NETDEV_TX_BUSY with the unsent ones left on {@code list}
     * (the driver refused one, or stopped the queue with more to send).
     */
    private int hardStartXmit(SkbQueue list, NetDevice dev, NetdevQueue txq) {
        SkBuff skb;
        while ((skb = list.peekFirst()) != null) {
            list.unlink(skb);
            net.charge(net.costs().xmit);
            if (taps.active(dev)) {
                taps.deliver(dev, skb, true);
            }
            long id = skb.id();
            int len = skb.len();
            int rc = dev.startXmit(skb, txq);
            trace.netDevXmit(id, len, rc == NetDevice.NETDEV_TX_OK ? 0 : 0x10, dev);
            if (rc != NetDevice.NETDEV_TX_OK) {
                list.addFirst(skb);
                return NetDevice.NETDEV_TX_BUSY;
            }
            txq.transStart = net.now();
            if (txq.isStopped() && !list.isEmpty()) {
                return NetDevice.NETDEV_TX_BUSY;
            }
        }
        return NetDevice.NETDEV_TX_OK;
    }

    // ---- validate_xmit_skb -------------------------------------------------------------------

    /**
     * Makes {@code skb} sendable by {@code dev}: a metadata VLAN tag the device cannot insert
     * goes into the bytes, a GSO packet the device cannot segment is segmented, a packet with
     * fragments goes linear for a device without scatter-gather, and a CHECKSUM_PARTIAL checksum
     * the device cannot fill is completed. Appends what to send to {@code out}; false when the
     * packet was dropped (counted in tx_dropped).
     */
    private boolean validate(SkBuff skb, NetDevice dev, SkbQueue out) {
        long features = dev.features();
        if (skb.vlanTci() >= 0 && (features & Features.HW_VLAN_CTAG_TX) == 0) {
            insertVlanTag(skb);
        }
        boolean csum = canChecksum(features, l3Protocol(skb));
        if (!csum) {
            features &= ~Features.ALL_TSO;
        }
        if (skb.isGso() && needsGso(skb, features)) {
            Segmenter s = segmenter;
            int n = s == null ? -1 : s.segment(skb, out, csum);
            if (n < 0) {
                dev.stats.txDropped++;
                net.drop(skb, DropReason.NOT_SPECIFIED);
                return false;
            }
            net.charge(n * net.costs().gsoSegment);
            skb.consume();
            return true;
        }
        if (skb.dataLen() > 0 && (features & Features.SG) == 0) {
            skb.linearize();
        }
        if (skb.ipSummed() == SkBuff.CHECKSUM_PARTIAL && !csum && !checksumHelp(skb)) {
            dev.stats.txDropped++;
            net.drop(skb, DropReason.NOT_SPECIFIED);
            return false;
        }
        out.addLast(skb);
        return true;
    }

    /** netif_needs_gso: a GSO type the device cannot segment, or a checksum it would not fill. */
    private static boolean needsGso(SkBuff skb, long features) {
        int t = skb.gsoType();
        boolean ok = ((t & SkBuff.GSO_TCPV4) == 0 || (features & Features.TSO) != 0)
                && ((t & SkBuff.GSO_TCPV6) == 0 || (features & Features.TSO6) != 0)
                && (t & SkBuff.GSO_UDP) == 0
                && (features & Features.SG) != 0;
        int s = skb.ipSummed();
        return !ok || (s != SkBuff.CHECKSUM_PARTIAL && s != SkBuff.CHECKSUM_UNNECESSARY);
    }

    /** can_checksum_protocol: whether {@code features} let the device fill a checksum for {@code proto}. */
    static boolean canChecksum(long features, int proto) {
        if ((features & (Features.HW_CSUM | Features.LOOPBACK)) != 0) {
            return true;
        }
        return proto == EtherType.IPV4 ? (features & Features.IP_CSUM) != 0
                : proto == EtherType.IPV6 && (features & Features.IPV6_CSUM) != 0;
    }

    /** vlan_get_protocol: the EtherType after any tags in the bytes. */
    private static int l3Protocol(SkBuff skb) {
        int p = skb.protocol();
        int at = skb.macHeader() + 12;
        while (EtherType.isVlanTpid(p) && at + 6 <= skb.tail()) {
            at += Eth.VLAN_HLEN;
            p = Bytes.u16(skb.buf(), at);
        }
        return p;
    }

    /** __vlan_hwaccel_push_inside: the metadata tag goes after the MAC addresses (TPID 802.1Q). */
    private static void insertVlanTag(SkBuff skb) {
        skb.ensureHeadroom(Eth.VLAN_HLEN); // also gives a clone a private head
        int mac = skb.data();
        int at = skb.push(Eth.VLAN_HLEN);
        byte[] b = skb.buf();
        System.arraycopy(b, mac, b, at, 12);
        Bytes.put16(b, at + 12, EtherType.VLAN);
        Bytes.put16(b, at + 14, skb.vlanTci());
        skb.resetMacHeader();
        skb.setProtocol(EtherType.VLAN);
        skb.setVlanTci(-1);
    }

    /**
     * skb_checksum_help ({@link Gso#checksumHelp}): completes a CHECKSUM_PARTIAL checksum in
     * software, charging csum_per_byte for every byte summed. False when the offsets lie outside
     * the packet.
     */
    boolean checksumHelp(SkBuff skb) {
        int n = skb.len() - (skb.csumStart() - skb.data());
        if (!Gso.checksumHelp(skb)) {
            return false;
        }
        net.charge(Math.round(Math.max(0, n) * net.costs().csumPerByte));
        return true;
    }

    private void purge(SkbQueue list, DropReason reason) {
        SkBuff s;
        while ((s = list.pollFirst()) != null) {
            net.drop(s, reason);
        }
    }

    // ---- the NET_TX softirq ------------------------------------------------------------------

    /**
     * __netif_schedule: {@code q} runs on the NET_TX event of the CPU doing the work now, which
     * starts when that CPU is free.
     */
    @Override
    public void schedule(NetdevQueue q) {
        Cpu cpu = net.currentCpu();
        outputQueue[cpu.id()].addLast(q);
        Timer t = netTx[cpu.id()];
        if (!t.isPending()) {
            t.scheduleAt(Math.max(net.now(), cpu.busyUntil));
        }
    }

    /** net_tx_action: runs the queues scheduled before it started; bills its work to the CPU. */
    private void netTxAction(int cpuId) {
        Cpu cpu = net.cpu(cpuId);
        Cpu was = net.currentCpu();
        net.runOn(cpu);
        ArrayDeque<NetdevQueue> oq = outputQueue[cpuId];
        for (int n = oq.size(); n > 0; n--) {
            NetdevQueue q = oq.pollFirst();
            q.clearScheduled();
            run(q);
        }
        long cost = net.takePendingCost();
        if (cost > 0) {
            cpu.charge(net.now(), cost);
            cpu.softirqNanos += cost;
        }
        net.runOn(was);
        if (!oq.isEmpty() && !netTx[cpuId].isPending()) {
            netTx[cpuId].scheduleAt(Math.max(net.now(), cpu.busyUntil));
        }
    }
}
