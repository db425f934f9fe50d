package dev.weir.nic;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetFrame;
import dev.weir.core.DropReason;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.link.LinkEnd;
import dev.weir.link.LinkPort;
import dev.weir.napi.Napi;
import dev.weir.napi.RpsMap;
import dev.weir.napi.Softnet;
import dev.weir.skb.Gso;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;
import dev.weir.trace.Tracing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated multi-queue Ethernet NIC with its driver, plugged into a {@link LinkEnd} as that
 * end's {@link LinkPort}. Modelled on what a modern NIC (mlx5, ixgbe) and its Linux driver do:
 *
 * <pre>
 *  link --receive(frame)--&gt; MTU check --&gt; RSS (Toeplitz, indirection table) picks a queue
 *       --&gt; no posted buffer: rx_missed, dropped
 *       --&gt; DMA into the posted buffer, descriptor completed (hash, checksum verdict, time)
 *       --&gt; interrupt moderation (rx-usecs / rx-frames) --&gt; IRQ on the queue's CPU
 *       --&gt; NAPI poll: build_skb around the buffer, refill the slot, eth_type_trans,
 *           [XDP point] --&gt; GRO or netif_receive_skb (RPS) --&gt; NetNs.receiver()
 *  qdisc --startXmit--&gt; tx ring (stop the queue when nearly full)
 *       --&gt; the NIC sends one frame whenever the line is free (LinkPort.wireFree):
 *           TSO entries cut into MSS-sized segments (Gso), CHECKSUM_PARTIAL filled, short
 *           frames padded to 60 bytes --&gt; completions --&gt; cleaned in the NAPI poll (queue woken)
 * </pre>
 *
 * <p>Defaults (all changeable with {@code ethtool}): {@code min(CPUs, 8)} combined channels, queue
 * i's interrupt on CPU {@code i mod CPUs}; rings of 256 descriptors (64..4096); moderation as
 * mlx5's defaults: rx-usecs 8, rx-frames 128, tx-usecs 16, tx-frames 32; every offload on
 * (rx/tx checksum, scatter-gather, TSO, GSO, GRO, receive hashing); receive buffers of 2048 bytes
 * plus {@link SkBuff#NET_SKB_PAD} headroom, larger for a jumbo MTU (up to 9000).
 *
 * <p>Create with {@link #create}, plug in with {@link #connect}, bring up with {@link #open()}.
 * The carrier follows the link.
 */
public final class Nic extends NetDevice implements LinkPort, EthtoolOps {
    public static final int RING_MIN = 64;
    public static final int RING_MAX = 4096;
    public static final int RING_DEFAULT = 256;
    public static final int MAX_MTU = 9000;
    /** Ethernet's minimum frame without FCS: shorter frames are padded on transmit. */
    public static final int ETH_ZLEN = 60;
    /** Receive buffer size before headroom, for MTUs up to 1500 + headers. */
    public static final int RX_BUF_LEN = 2048;

    private static final long DEFAULT_FEATURES = Features.SG | Features.IP_CSUM | Features.IPV6_CSUM | Features.RXCSUM
            | Features.TSO | Features.TSO6 | Features.GSO | Features.GRO | Features.RXHASH;

    /** Interrupt moderation parameters ({@code ethtool -c}). */
    static final class Moderation {
        int rxUsecs = 8;
        int rxFrames = 128;
        int txUsecs = 16;
        int txFrames = 32;
    }

    private final Softnet softnet;
    private final NetNs net;
    private final int maxChannels;
    private final NicQueue[] queues;
    private int channels;
    private int rxRingSize = RING_DEFAULT;
    private int txRingSize = RING_DEFAULT;
    final Moderation moderation = new Moderation();
    private final Rss rss;
    private final RxParse parse = new RxParse();
    private final byte[] scratch = new byte[MAX_MTU + 64];
    private LinkEnd end;
    private int txNext;
    /** The XDP hook, or null. Read once per received frame. */
    XdpHook xdp;
    final Tracing trace;

    // device-wide counters beyond DeviceStats
    private long rxOversize;
    private long txGsoFailed;
    private long txXdpXmit;
    private long txXdpFull;

    private Nic(Softnet softnet, String name, long mac, int queues) {
        super(softnet.net(), name, ARPHRD_ETHER, 1500, 68, MAX_MTU, Math.max(queues, softnet.numCpus()), queues);
        if (queues < 1) {
            throw new IllegalArgumentException("NIC " + name + ": needs at least one queue, got " + queues);
        }
        this.softnet = softnet;
        this.net = softnet.net();
        this.maxChannels = numTxQueues();
        this.queues = new NicQueue[maxChannels];
        this.channels = queues;
        setMac(mac);
        setFlag(IFF_BROADCAST, true);
        setFlag(IFF_MULTICAST, true);
        features = DEFAULT_FEATURES;
        hwFeatures = DEFAULT_FEATURES;
        this.rss = new Rss(net.random(), queues);
        this.trace = Tracing.of(net);
        setRealNumTxQueues(queues);
        for (int i = 0; i < queues; i++) {
            queue(i);
        }
    }

    /** A NIC with {@code min(CPUs, 8)} queue pairs, registered in the namespace (down, unplugged). */
    public static Nic create(Softnet softnet, String name, long mac) {
        return create(softnet, name, mac, Math.min(softnet.numCpus(), 8));
    }

    /** A NIC with {@code queues} combined channels, registered in the namespace (down, unplugged). */
    public static Nic create(Softnet softnet, String name, long mac, int queues) {
        Nic nic = new Nic(softnet, name, mac, queues);
        softnet.net().register(nic);
        return nic;
    }

    /** Plugs this NIC into {@code linkEnd}; the carrier takes the link's state. */
    public void connect(LinkEnd linkEnd) {
        if (end != null) {
            throw new IllegalStateException(name() + " is already plugged into " + end);
        }
        linkEnd.attach(this);
        end = linkEnd;
        setCarrier(linkEnd.carrier());
    }

    public LinkEnd linkEnd() {
        return end;
    }

    public Softnet softnet() {
        return softnet;
    }

    private NicQueue queue(int i) {
        if (queues[i] == null) {
            queues[i] = new NicQueue(this, i, softnet.allocIrq(), i % net.numCpus());
            queues[i].napi.setGroEnabled(hasFeature(Features.GRO));
        }
        return queues[i];
    }

    // ---- configuration ----

    /** Combined channels in use. */
    public int channels() {
        return channels;
    }

    public int maxChannels() {
        return maxChannels;
    }

    public int rxRingSize() {
        return rxRingSize;
    }

    public int txRingSize() {
        return txRingSize;
    }

    public Rss rss() {
        return rss;
    }

    /** The RPS map of receive queue {@code q} ({@code /sys/class/net/DEV/queues/rx-q/rps_cpus}). */
    public RpsMap rps(int q) {
        checkQueue(q);
        return queue(q).rps;
    }

    /** The NAPI context of queue {@code q}. */
    public Napi napi(int q) {
        checkQueue(q);
        return queue(q).napi;
    }

    /** The interrupt number of queue {@code q}'s vector. */
    public int irq(int q) {
        checkQueue(q);
        return queue(q).irq;
    }

    public int irqAffinity(int q) {
        checkQueue(q);
        return queue(q).affinity;
    }

    /** Sets queue {@code q}'s interrupt affinity ({@code /proc/irq/N/smp_affinity_list}); its NAPI follows. */
    public void setIrqAffinity(int q, int cpu) {
        checkQueue(q);
        if (cpu < 0 || cpu >= net.numCpus()) {
            throw new IllegalArgumentException(name() + ": IRQ affinity CPU " + cpu + " does not exist (0.." + (net.numCpus() - 1) + ")");
        }
        queue(q).setAffinity(cpu);
    }

    /** Interrupts of queue {@code q}'s vector taken on each CPU (a {@code /proc/interrupts} row). */
    public long[] irqCounts(int q) {
        checkQueue(q);
        return queue(q).irqCount.clone();
    }

    /** Receive descriptors completed and waiting for the driver on queue {@code q}. */
    public int rxPending(int q) {
        checkQueue(q);
        RxRing r = queue(q).rx;
        return r == null ? 0 : r.completed;
    }

    /** Transmit entries posted and not yet cleaned on queue {@code q}. */
    public int txPending(int q) {
        checkQueue(q);
        TxRing r = queue(q).tx;
        return r == null ? 0 : r.entries;
    }

    private void checkQueue(int q) {
        if (q < 0 || q >= maxChannels) {
            throw new IllegalArgumentException(name() + " has no queue " + q + " (0.." + (maxChannels - 1) + ")");
        }
    }

    @Override
    public void setMtu(int newMtu) {
        int old = mtu();
        super.setMtu(newMtu);
        if (isUp() && rxBufLen(newMtu) != rxBufLen(old)) {
            rebuild();
        }
    }

    private int rxBufLen(int mtu) {
        return rxHeadroom() + Math.max(RX_BUF_LEN, mtu + EthernetFrame.HEADER_LEN + EthernetFrame.MAX_TAGS * EthernetFrame.TAG_LEN);
    }

    /** Headroom in front of each received frame: XDP's 256 bytes while a program is attached, else NET_SKB_PAD. */
    private int rxHeadroom() {
        return xdp != null ? XdpBuff.HEADROOM : SkBuff.NET_SKB_PAD;
    }

    // ---- XDP ----

    /**
     * Installs the XDP hook (null removes it), as {@code ndo_bpf(XDP_SETUP_PROG)}. Going from no
     * program to a program or back changes the receive buffers' headroom (256 bytes for XDP, as
     * drivers reserve {@code XDP_PACKET_HEADROOM}), so a running device rebuilds its rings:
     * frames waiting in them are lost, as when mlx5 or ixgbe reconfigure their channels.
     * Replacing one hook by another takes effect with the next frame.
     */
    public void setXdp(XdpHook hook) {
        boolean rebuild = (xdp == null) != (hook == null) && isUp();
        xdp = hook;
        if (rebuild) {
            rebuild();
        }
    }

    public XdpHook xdp() {
        return xdp;
    }

    /**
     * {@code ndo_xdp_xmit}: puts a frame an XDP program sent ({@code XDP_TX} here, or redirected
     * here from another device) on transmit ring {@code qi}, bypassing the qdisc and the taps.
     * False (the caller drops the frame) when the device is down, has no carrier, or the ring
     * has no room.
     */
    boolean xdpXmit(SkBuff skb, int qi) {
        if (!isUp() || !hasCarrier() || channels == 0) {
            return false;
        }
        NicQueue q = queues[qi % channels];
        TxRing r = q.tx;
        if (r == null || r.freeDescs() < 1 || r.entries == r.size) {
            txXdpFull++;
            return false;
        }
        r.post(skb, 1);
        txXdpXmit++;
        kickTx();
        return true;
    }

    @Override
    protected void featuresChanged() {
        boolean gro = hasFeature(Features.GRO);
        for (NicQueue q : queues) {
            if (q != null) {
                q.napi.setGroEnabled(gro);
            }
        }
    }

    // ---- EthtoolOps ----

    @Override
    public DriverInfo driverInfo() {
        return new DriverInfo("weir_nic", "1.0", "", "", "", true, false, false, false, false);
    }

    @Override
    public Rings ringParams() {
        return new Rings(RING_MAX, RING_MAX, rxRingSize, txRingSize);
    }

    /** {@code ethtool -G}: resizes the rings; a running device reposts its buffers (frames waiting are lost). */
    @Override
    public void setRingParams(int rx, int tx) {
        if (rx < RING_MIN || tx < RING_MIN) {
            throw new IllegalArgumentException((rx < RING_MIN ? "rx " + rx : "tx " + tx) + " is below the minimum ring size " + RING_MIN);
        }
        if (rx > RING_MAX || tx > RING_MAX) {
            throw new IllegalArgumentException("requested ring size exceeds maximum");
        }
        if (rx == rxRingSize && tx == txRingSize) {
            return;
        }
        rxRingSize = rx;
        txRingSize = tx;
        if (isUp()) {
            rebuild();
        }
    }

    @Override
    public Coalesce coalesceParams() {
        return new Coalesce(moderation.rxUsecs, moderation.rxFrames, moderation.txUsecs, moderation.txFrames);
    }

    @Override
    public void setCoalesceParams(Coalesce c) {
        if (c.rxUsecs() < 0 || c.rxFrames() < 0 || c.txUsecs() < 0 || c.txFrames() < 0) {
            throw new IllegalArgumentException("coalescing parameters must not be negative: " + c);
        }
        moderation.rxUsecs = c.rxUsecs();
        moderation.rxFrames = c.rxFrames();
        moderation.txUsecs = c.txUsecs();
        moderation.txFrames = c.txFrames();
    }

    @Override
    public Channels channelParams() {
        return new Channels(maxChannels, channels);
    }

    /**
     * {@code ethtool -L combined N}: a running device rebuilds its rings (frames waiting are lost);
     * the RSS table is spread over the new count unless the user set it, in which case it must
     * not name a queue that would go away (Linux refuses that too).
     */
    @Override
    public void setChannels(int n) {
        if (n < 1 || n > maxChannels) {
            throw new IllegalArgumentException("requested channel count exceeds maximum");
        }
        if (n == channels) {
            return;
        }
        if (rss.userConfigured() && rss.maxQueue() >= n) {
            throw new IllegalStateException("requested channel counts are too low for existing indirection table settings");
        }
        boolean up = isUp();
        if (up) {
            teardown();
        }
        channels = n;
        for (int i = 0; i < n; i++) {
            queue(i);
        }
        setNumRxQueues(n);
        setRealNumTxQueues(n);
        if (!rss.userConfigured()) {
            rss.resetDefault(n);
        }
        if (up) {
            build();
        }
    }

    @Override
    public int rxRingCount() {
        return channels;
    }

    @Override
    public String unmodelledFeature(String kernelName) {
        return switch (kernelName) {
            case "highdma" -> "on [fixed]";
            case "tx-tcp-mangleid-segmentation", "tx-nocache-copy", "rx-gro-list", "rx-udp-gro-forwarding" -> "off";
            default -> null;
        };
    }

    /** ethtool -S: device totals, then per queue, with the names mlx5/ixgbe-style drivers use. */
    @Override
    public Map<String, Long> ethtoolStats() {
        Map<String, Long> m = new LinkedHashMap<>();
        long rxCsumU = 0;
        long rxCsumN = 0;
        long rxCsumB = 0;
        long txTso = 0;
        long txTsoB = 0;
        long txCsumP = 0;
        long txStop = 0;
        long txWake = 0;
        long txBusy = 0;
        long irqs = 0;
        long allocs = 0;
        long groMerged = 0;
        long groFlushed = 0;
        long groAggregated = 0;
        for (NicQueue q : queues) {
            if (q == null) {
                continue;
            }
            rxCsumU += q.rxCsumUnnecessary;
            rxCsumN += q.rxCsumNone;
            rxCsumB += q.rxCsumBad;
            txTso += q.txTsoPackets;
            txTsoB += q.txTsoBytes;
            txCsumP += q.txCsumPartial;
            txStop += q.txStopped;
            txWake += q.txWake;
            txBusy += q.txBusy;
            irqs += q.irqs;
            allocs += q.rxAllocs;
            groMerged += q.napi.gro().merged();
            groFlushed += q.napi.gro().flushed();
            groAggregated += q.napi.gro().aggregated();
        }
        m.put("rx_packets", stats.rxPackets);
        m.put("rx_bytes", stats.rxBytes);
        m.put("tx_packets", stats.txPackets);
        m.put("tx_bytes", stats.txBytes);
        m.put("rx_missed", stats.rxMissedErrors);
        m.put("rx_dropped", stats.rxDropped);
        m.put("rx_length_errors", stats.rxLengthErrors);
        m.put("rx_oversize_pkts", rxOversize);
        m.put("rx_csum_unnecessary", rxCsumU);
        m.put("rx_csum_none", rxCsumN);
        m.put("rx_csum_errors", rxCsumB);
        m.put("rx_gro_merged", groMerged);
        m.put("rx_gro_flushed", groFlushed);
        m.put("rx_gro_aggregated", groAggregated);
        m.put("rx_buff_alloc", allocs);
        m.put("tx_tso_packets", txTso);
        m.put("tx_tso_bytes", txTsoB);
        m.put("tx_csum_partial", txCsumP);
        m.put("tx_dropped", stats.txDropped);
        m.put("tx_errors", stats.txErrors);
        m.put("tx_gso_failed", txGsoFailed);
        m.put("tx_queue_stopped", txStop);
        m.put("tx_queue_wake", txWake);
        m.put("tx_busy", txBusy);
        m.put("irqs", irqs);
        long xdpDrop = 0;
        long xdpTx = 0;
        long xdpTxFull = 0;
        long xdpRedirect = 0;
        long xdpRedirectErr = 0;
        long xdpAborted = 0;
        for (NicQueue q : queues) {
            if (q != null) {
                xdpDrop += q.rxXdpDrop;
                xdpTx += q.rxXdpTx;
                xdpTxFull += q.rxXdpTxFull;
                xdpRedirect += q.rxXdpRedirect;
                xdpRedirectErr += q.rxXdpRedirectErr;
                xdpAborted += q.rxXdpAborted;
            }
        }
        m.put("rx_xdp_drop", xdpDrop);
        m.put("rx_xdp_tx_xmit", xdpTx);
        m.put("rx_xdp_tx_full", xdpTxFull);
        m.put("rx_xdp_redirect", xdpRedirect);
        m.put("rx_xdp_redirect_err", xdpRedirectErr);
        m.put("rx_xdp_aborted", xdpAborted);
        m.put("tx_xdp_xmit", txXdpXmit);
        m.put("tx_xdp_full", txXdpFull);
        for (NicQueue q : queues) {
            if (q == null) {
                continue;
            }
            String p = "rx_queue_" + q.index + "_";
            m.put(p + "packets", q.rxPackets);
            m.put(p + "bytes", q.rxBytes);
            m.put(p + "missed", q.rxMissed);
            m.put(p + "gro_merged", q.napi.gro().merged());
            m.put(p + "xdp_drop", q.rxXdpDrop);
            m.put(p + "xdp_tx_xmit", q.rxXdpTx);
            m.put(p + "xdp_redirect", q.rxXdpRedirect);
        }
        for (NicQueue q : queues) {
            if (q == null) {
                continue;
            }
            String p = "tx_queue_" + q.index + "_";
            m.put(p + "packets", q.txPackets);
            m.put(p + "bytes", q.txBytes);
            m.put(p + "stopped", q.txStopped);
            m.put(p + "wake", q.txWake);
        }
        return m;
    }

    // ---- up and down ----

    @Override
    protected void doOpen() {
        build();
    }

    @Override
    protected void doClose() {
        teardown();
    }

    private void rebuild() {
        teardown();
        build();
    }

    /** Allocates and posts the rings of the active queues and unmasks their vectors. */
    private void build() {
        int bufLen = rxBufLen(mtu());
        for (int i = 0; i < channels; i++) {
            NicQueue q = queue(i);
            q.rx = new RxRing(rxRingSize, bufLen, rxHeadroom());
            q.rx.fill(net.pool());
            q.tx = new TxRing(txRingSize);
            q.resetIrq();
            q.napi.enable();
            NetdevQueue txq = txQueue(i);
            if (txq.isStopped()) {
                txq.wake();
            }
        }
    }

    /** Frees every ring: frames received and not yet polled are lost (rx_dropped), unsent ones dropped. */
    private void teardown() {
        for (NicQueue q : queues) {
            if (q == null) {
                continue;
            }
            q.irqEnabled = false;
            q.napi.disable();
            q.irqTimer.cancel();
            if (q.rx != null) {
                int lost = q.rx.release();
                q.rxDropped += lost;
                stats.rxDropped += lost;
                q.rx = null;
            }
            if (q.tx != null) {
                purgeTx(q, DropReason.QUEUE_PURGE);
                cleanTx(q);
                q.tx = null;
            }
        }
    }

    // ---- receive (the link side) ----

    /** A frame arrived from the link: the NIC's receive hardware. */
    @Override
    public void receive(SkBuff frame) {
        if (!isUp()) {
            net.drop(frame, DropReason.DEV_READY);
            return;
        }
        int len = frame.len();
        if (len < EthernetFrame.HEADER_LEN) {
            stats.rxLengthErrors++;
            stats.rxErrors++;
            net.drop(frame, DropReason.DEV_HDR);
            return;
        }
        byte[] b;
        int off;
        if (frame.headLen() == len) {
            b = frame.buf();
            off = frame.data();
        } else {
            if (len > scratch.length) {
                rxOversize(frame);
                return;
            }
            frame.copyBits(0, scratch, 0, len);
            b = scratch;
            off = 0;
        }
        if (len > mtu() + EthernetFrame.HEADER_LEN + EthernetFrame.TAG_LEN * vlanTags(b, off, len)) {
            rxOversize(frame);
            return;
        }
        parse.parse(b, off, len, rss, hasFeature(Features.RXCSUM));
        int qi = parse.hashed ? rss.queueFor(parse.hash) : 0;
        if (qi >= channels) {
            qi = 0;
        }
        NicQueue q = queues[qi];
        RxRing r = q.rx;
        if (r.full()) {
            stats.rxMissedErrors++;
            q.rxMissed++;
            net.drop(frame, DropReason.FULL_RING);
            return;
        }
        int s = r.hw;
        SkbData d = r.buf[s];
        System.arraycopy(b, off, d.bytes(), r.headroom, len);
        r.len[s] = len;
        r.hash[s] = parse.hash;
        r.l4Hash[s] = parse.l4Hash;
        r.hashed[s] = parse.hashed;
        r.csum[s] = parse.csum;
        long now = net.now();
        r.tstamp[s] = now;
        r.hw = (s + 1) % r.size;
        r.completed++;
        frame.consume();
        q.rxCompleted(now);
    }

    private void rxOversize(SkBuff frame) {
        stats.rxLengthErrors++;
        stats.rxErrors++;
        rxOversize++;
        net.drop(frame, DropReason.PKT_TOO_BIG);
    }

    private static int vlanTags(byte[] b, int off, int len) {
        int n = 0;
        int p = off + EthernetFrame.TYPE_OFFSET;
        while (n < EthernetFrame.MAX_TAGS && p + EthernetFrame.TAG_LEN + 2 <= off + len && EtherType.isVlanTpid(Bytes.u16(b, p))) {
            n++;
            p += EthernetFrame.TAG_LEN;
        }
        return n;
    }

    @Override
    public void carrierChanged(boolean up) {
        setCarrier(up);
        if (up) {
            kickTx();
        } else if (isUp()) {
            for (int i = 0; i < channels; i++) {
                NicQueue q = queues[i];
                if (q.tx != null) {
                    purgeTx(q, DropReason.LINK_DOWN);
                }
            }
        }
    }

    @Override
    public void wireFree() {
        kickTx();
    }

    // ---- transmit ----

    /**
     * ndo_start_xmit: posts {@code skb} (data at its Ethernet header) on the transmit ring of
     * {@code txq}. Stops the queue once fewer than a maximal packet's descriptors remain; returns
     * {@link #NETDEV_TX_BUSY} without taking the packet when it does not fit. A device down or
     * without carrier drops the packet (counted as tx_dropped).
     */
    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        int qi = txq.index();
        if (!isUp() || qi >= channels) {
            stats.txDropped++;
            net.drop(skb, DropReason.DEV_READY);
            return NETDEV_TX_OK;
        }
        if (!hasCarrier()) {
            stats.txDropped++;
            net.drop(skb, DropReason.LINK_DOWN);
            return NETDEV_TX_OK;
        }
        NicQueue q = queues[qi];
        TxRing r = q.tx;
        int need = 1 + skb.nrFrags();
        if (r.freeDescs() < need || r.entries == r.size) {
            if (!txq.isStopped()) {
                txq.stop();
                q.txStopped++;
            }
            q.txBusy++;
            return NETDEV_TX_BUSY;
        }
        r.post(skb, need);
        txq.transStart = net.now();
        if (r.freeDescs() < TxRing.STOP_THRESHOLD) {
            txq.stop();
            q.txStopped++;
        }
        kickTx();
        return NETDEV_TX_OK;
    }

    /** The NIC's transmit engine: hands frames to the link while its line is free. */
    private void kickTx() {
        if (end == null || !hasCarrier() || !isUp()) {
            return;
        }
        while (!end.isBusy() && sendOne()) {
            // one frame per iteration, round robin over the queues
        }
    }

    private boolean sendOne() {
        NicQueue q = null;
        for (int k = 0; k < channels; k++) {
            NicQueue c = queues[(txNext + k) % channels];
            if (c.tx != null && c.tx.unsent() > 0) {
                q = c;
                txNext = (c.index + 1) % channels;
                break;
            }
        }
        if (q == null) {
            return false;
        }
        TxRing r = q.tx;
        int e = r.hw;
        SkBuff s = r.skb[e];
        SkBuff frame;
        if (s.isGso()) {
            if (!r.segmenting) {
                int n = Gso.segment(s, r.segs);
                if (n < 0) {
                    txGsoFailed++;
                    stats.txErrors++;
                    stats.txDropped++;
                    q.txDropped++;
                    r.skb[e] = null;
                    entrySent(q, r);
                    net.drop(s, DropReason.NOT_SPECIFIED);
                    return true;
                }
                r.segmenting = true;
                q.txTsoPackets++;
                q.txTsoBytes += s.len();
            }
            frame = r.segs.pollFirst();
            if (r.segs.isEmpty()) {
                r.segmenting = false;
                entrySent(q, r);
            }
        } else {
            frame = s;
            r.skb[e] = null;
            entrySent(q, r);
            if (frame.ipSummed() == SkBuff.CHECKSUM_PARTIAL) {
                q.txCsumPartial++;
                if (!Gso.checksumHelp(frame)) {
                    stats.txErrors++;
                    stats.txDropped++;
                    q.txDropped++;
                    net.drop(frame, DropReason.NOT_SPECIFIED);
                    return true;
                }
            }
        }
        frame = padToMin(frame);
        q.txPackets++;
        q.txBytes += frame.len();
        stats.txPackets++;
        stats.txBytes += frame.len();
        end.transmit(frame);
        return true;
    }

    /** Pads a frame shorter than 60 bytes with zeros, as NICs do on the wire. */
    private SkBuff padToMin(SkBuff frame) {
        int len = frame.len();
        if (len >= ETH_ZLEN) {
            return frame;
        }
        int pad = ETH_ZLEN - len;
        if (!frame.isCloned() && frame.dataLen() == 0 && frame.tailroom() >= pad) {
            int at = frame.put(pad);
            java.util.Arrays.fill(frame.buf(), at, at + pad, (byte) 0);
            return frame;
        }
        SkBuff p = net.pool().alloc(ETH_ZLEN, SkBuff.NET_SKB_PAD);
        int at = p.put(ETH_ZLEN);
        frame.copyBits(0, p.buf(), at, len);
        java.util.Arrays.fill(p.buf(), at + len, at + ETH_ZLEN, (byte) 0);
        frame.consume();
        return p;
    }

    private void entrySent(NicQueue q, TxRing r) {
        r.hw = (r.hw + 1) % r.size;
        r.done++;
        q.txCompleted(net.now());
    }

    /** Drops what the NIC has not sent yet on queue {@code q}, as a link loss or a ring reset does. */
    private void purgeTx(NicQueue q, DropReason reason) {
        TxRing r = q.tx;
        SkBuff seg;
        while ((seg = r.segs.pollFirst()) != null) {
            net.drop(seg, reason);
        }
        r.segmenting = false;
        while (r.unsent() > 0) {
            int e = r.hw;
            SkBuff s = r.skb[e];
            r.skb[e] = null;
            stats.txDropped++;
            q.txDropped++;
            net.drop(s, reason);
            entrySent(q, r);
        }
    }

    /** Transmit completions (in the NAPI poll): frees sent entries, wakes a stopped queue with room again. */
    void cleanTx(NicQueue q) {
        TxRing r = q.tx;
        if (r == null || r.done == 0) {
            return;
        }
        while (r.done > 0) {
            int e = r.head;
            SkBuff s = r.skb[e];
            if (s != null) {
                r.skb[e] = null;
                s.consume();
            }
            r.descUsed -= r.descs[e];
            r.entries--;
            r.done--;
            r.head = (e + 1) % r.size;
        }
        NetdevQueue txq = txQueue(q.index);
        if (txq.isStopped() && r.freeDescs() >= TxRing.WAKE_THRESHOLD && isRunning()) {
            q.txWake++;
            txq.wake();
        }
    }

    @Override
    public String toString() {
        return name() + "(" + ifindex() + ", " + channels + " queues)";
    }
}
