package dev.weir.core;

import dev.weir.api.wire.MacAddress;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network device of a host (Linux's {@code struct net_device}): identity, link state,
 * MTU, offload features, transmit queues with their qdiscs, counters, and the addresses the IP
 * layers keep on it.
 *
 * <p>Drivers (the simulated NIC, loopback, a TAP device) extend this class and implement
 * {@link #startXmit}, the {@code ndo_start_xmit} of the transmit path. The receive direction
 * is the driver's own: it ends in {@link NetNs#receiver()} ({@code netif_receive_skb}), usually
 * through NAPI and GRO.
 */
public abstract class NetDevice {
    /** {@code ndo_start_xmit} results. */
    public static final int NETDEV_TX_OK = 0;
    public static final int NETDEV_TX_BUSY = 1;

    /** ARPHRD types as {@code ip link} prints them. */
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_LOOPBACK = 772;

    /** Interface flags ({@code IFF_*}). */
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    /** Up and carrier present; computed, as {@link #isRunning()}, never stored in {@link #flags()}. */
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_ALLMULTI = 0x200;
    public static final int IFF_MULTICAST = 0x1000;
    /** Carrier present; computed from {@link #hasCarrier()}, never stored in {@link #flags()}. */
    public static final int IFF_LOWER_UP = 0x10000;

    private final NetNs net;
    private final int ifindex;
    private String name;
    private final int type;
    private long mac;
    private int mtu;
    private final int minMtu;
    private final int maxMtu;
    private int flags;
    /** Born without carrier, as a Linux NIC after its driver's probe (netif_carrier_off). */
    private boolean carrier;
    /**
     * Carrier transitions; 1 at birth for that probe-time netif_carrier_off, so a NIC that came
     * up once shows 2 as in Linux. Software devices born with carrier start at 0
     * ({@link #bornWithCarrier()}).
     */
    private long carrierChanges = 1;
    private int promiscuity;
    protected long features;
    protected long hwFeatures;
    private long wantedFeatures;
    private boolean wantedKnown;
    private final NetdevQueue[] txQueues;
    /** The root qdisc (Linux's dev->qdisc): an mq over the queues, or the qdisc the queues share. */
    private Qdisc rootQdisc;
    /** Every qdisc of this device tc can name by handle, oldest first (Linux's dev->qdisc_hash). */
    private final List<Qdisc> qdiscHash = new ArrayList<>();
    /** IFF_NO_QUEUE: the default qdisc is noqueue (virtual devices: loopback, veth, bridge). */
    private boolean noQueue;
    private int numRxQueues;
    private int realNumTxQueues;
    private int txQueueLen = 1000;
    public final DeviceStats stats = new DeviceStats();
    private final List<InetAddress4> ipv4 = new ArrayList<>();
    private final List<InetAddress6> ipv6 = new ArrayList<>();
    /** Master device (a bridge this device is a port of), or null. */
    private NetDevice master;
    /** Called for every received frame before protocol dispatch when set (a bridge port's rx_handler). */
    private RxHandler rxHandler;

    /** What a device's rx_handler decides for a frame (Linux's rx_handler_result). */
    public enum RxResult {
        /** The handler took the frame (forwarded or dropped it). */
        CONSUMED,
        /** Go on with normal protocol processing. */
        PASS
    }

    /** A bridge port's receive hook (Linux's {@code rx_handler}). */
    @FunctionalInterface
    public interface RxHandler {
        RxResult handle(SkBuff skb);
    }

    protected NetDevice(NetNs net, String name, int type, int mtu, int minMtu, int maxMtu, int numTxQueues, int numRxQueues) {
        this.net = net;
        this.ifindex = net.allocIfindex();
        this.name = name;
        this.type = type;
        this.mtu = mtu;
        this.minMtu = minMtu;
        this.maxMtu = maxMtu;
        this.txQueues = new NetdevQueue[numTxQueues];
        for (int i = 0; i < numTxQueues; i++) {
            txQueues[i] = new NetdevQueue(this, i);
        }
        this.numRxQueues = numRxQueues;
        this.realNumTxQueues = numTxQueues;
    }

    public final NetNs net() {
        return net;
    }

    public final int ifindex() {
        return ifindex;
    }

    public final String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public final int type() {
        return type;
    }

    /** The hardware address (48 bits; 0 for loopback). */
    public final long mac() {
        return mac;
    }

    public void setMac(long mac) {
        this.mac = mac;
    }

    public MacAddress macAddress() {
        return new MacAddress(mac);
    }

    public final int mtu() {
        return mtu;
    }

    /** {@code ip link set dev X mtu N}; the message names the allowed range. */
    public void setMtu(int newMtu) {
        if (newMtu < minMtu || newMtu > maxMtu) {
            throw new IllegalArgumentException("mtu " + newMtu + " is outside " + minMtu + ".." + maxMtu + " for " + name);
        }
        this.mtu = newMtu;
    }

    public int minMtu() {
        return minMtu;
    }

    public int maxMtu() {
        return maxMtu;
    }

    public final int flags() {
        return flags;
    }

    protected void setFlag(int flag, boolean on) {
        flags = on ? flags | flag : flags & ~flag;
    }

    public final boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Administratively up and carrier present: packets may flow (IFF_RUNNING). */
    public final boolean isRunning() {
        return isUp() && carrier;
    }

    public final boolean hasCarrier() {
        return carrier;
    }

    /** netif_carrier_on/off, called by the driver when its link changes. */
    public void setCarrier(boolean on) {
        if (carrier != on) {
            carrier = on;
            carrierChanges++;
            net.deviceEvent(this, on ? NetNs.DeviceEvent.CARRIER_UP : NetNs.DeviceEvent.CARRIER_DOWN);
        }
    }

    /**
     * For devices that, like Linux's software devices (bridge, VLAN, loopback, dummy), are born
     * with carrier and no carrier change: call in the constructor, before registration.
     */
    protected final void bornWithCarrier() {
        carrier = true;
        carrierChanges = 0;
    }

    /** Carrier transitions so far ({@code ip -s -s link}'s "transns", Linux's carrier_changes). */
    public final long carrierChanges() {
        return carrierChanges;
    }

    /**
     * The RFC 2863 operational state {@code ip link} prints after "state": "UP", "DOWN",
     * "UNKNOWN" (a device that reports no link state, such as loopback) or "LOWERLAYERDOWN" (a
     * stacked device whose lower device has no carrier). Devices with their own rule override it.
     */
    public String operState() {
        if (!isUp()) {
            return "DOWN";
        }
        if (type == ARPHRD_LOOPBACK) {
            return "UNKNOWN";
        }
        return carrier ? "UP" : "DOWN";
    }

    /**
     * {@code ip link set dev X promisc on|off}: the user's promiscuous flag, the IFF_PROMISC that
     * {@code ip link} prints. It also counts as one user of promiscuous reception.
     */
    public void setPromiscuous(boolean on) {
        if (on != ((flags & IFF_PROMISC) != 0)) {
            setFlag(IFF_PROMISC, on);
            promiscuity += on ? 1 : -1;
        }
    }

    /**
     * dev_set_promiscuity: a part of the stack (a bridge taking the device as a port) starts
     * ({@code +1}) or stops ({@code -1}) needing every frame on the link. Not shown as the
     * PROMISC flag, as in Linux; {@code ip -d link} would show the count.
     */
    public void adjustPromiscuity(int inc) {
        if (promiscuity + inc < 0) {
            throw new IllegalStateException("promiscuity of " + name + " would go below 0 (" + promiscuity + " " + inc + ")");
        }
        promiscuity += inc;
    }

    /** How many users want promiscuous reception (the user's flag included). */
    public final int promiscuity() {
        return promiscuity;
    }

    /** True when the device's receive filter passes frames for any address (a NIC's MAC filter is open). */
    public final boolean isPromiscuous() {
        return promiscuity > 0;
    }

    /** The flags a user may change with {@code ip link set} (dev_change_flags): NOARP, MULTICAST, ALLMULTI. */
    public static final int USER_FLAGS = IFF_NOARP | IFF_MULTICAST | IFF_ALLMULTI;

    /**
     * {@code ip link set dev X arp|multicast|allmulticast on|off}: sets or clears {@code flag},
     * one of {@link #USER_FLAGS} (note that "arp off" sets NOARP).
     */
    public void setUserFlag(int flag, boolean on) {
        if ((flag & ~USER_FLAGS) != 0 || flag == 0) {
            throw new IllegalArgumentException("flag 0x" + Integer.toHexString(flag) + " of " + name + " is not one a user may change (NOARP, MULTICAST, ALLMULTI)");
        }
        setFlag(flag, on);
    }

    /** {@code ip link set dev X up}. */
    public void open() {
        if (!isUp()) {
            setFlag(IFF_UP, true);
            doOpen();
            net.deviceEvent(this, NetNs.DeviceEvent.UP);
        }
    }

    /** {@code ip link set dev X down}: queued packets are purged. */
    public void close() {
        if (isUp()) {
            setFlag(IFF_UP, false);
            doClose();
            for (NetdevQueue q : txQueues) {
                // Requeued packets count in the qdisc's qlen/backlog: purge them before its reset.
                SkBuff s;
                while ((s = q.requeued.pollFirst()) != null) {
                    if (q.qdisc() != null) {
                        q.qdisc().qlen--;
                        q.qdisc().backlog -= s.len();
                    }
                    net.drop(s, DropReason.QUEUE_PURGE);
                }
                if (q.qdisc() != null) {
                    q.qdisc().reset();
                }
            }
            net.deviceEvent(this, NetNs.DeviceEvent.DOWN);
        }
    }

    /** Driver hook for {@link #open()}: post rx buffers, enable interrupts. */
    protected void doOpen() {}

    /** Driver hook for {@link #close()}: stop DMA, free ring buffers. */
    protected void doClose() {}

    /** Active offload features ({@link Features} bits). */
    public final long features() {
        return features;
    }

    public final boolean hasFeature(long bits) {
        return (features & bits) != 0;
    }

    /** Features {@code ethtool -K} may change. */
    public final long hwFeatures() {
        return hwFeatures;
    }

    /**
     * {@code ethtool -K}: asks for features on or off; refuses fixed ones, naming them. What is
     * asked for is remembered ({@link #wantedFeatures()}, Linux's {@code wanted_features}); the
     * active set is what {@link #fixFeatures} allows of it, so TSO dropped because SG went off
     * comes back when SG does, as in Linux's {@code netdev_update_features}.
     */
    public void setFeatures(long bits, boolean on) {
        long fixed = bits & ~hwFeatures;
        if (fixed != 0) {
            throw new IllegalArgumentException("Could not change any device features: " + describeBits(fixed) + " fixed on " + name);
        }
        long w = wantedFeatures();
        wantedFeatures = on ? w | bits : w & ~bits;
        wantedKnown = true;
        features = fixFeatures((features & ~hwFeatures) | (wantedFeatures & hwFeatures));
        featuresChanged();
    }

    /** The features asked for by {@link #setFeatures}; before any request, the active ones. */
    public final long wantedFeatures() {
        return wantedKnown ? wantedFeatures : features;
    }

    /**
     * Linux's {@code netdev_fix_features}: what a feature set becomes once the dependencies every
     * device shares are applied. TSO needs scatter-gather and GSO too ("Dropping TSO features
     * since no SG feature"); TSO over IPv4 needs IPv4 or generic checksum offload, over IPv6
     * IPv6 or generic. Drivers with further rules (ndo_fix_features) override and call this.
     */
    protected long fixFeatures(long f) {
        if ((f & Features.SG) == 0) {
            f &= ~(Features.ALL_TSO | Features.GSO);
        }
        if ((f & (Features.IP_CSUM | Features.HW_CSUM)) == 0) {
            f &= ~Features.TSO;
        }
        if ((f & (Features.IPV6_CSUM | Features.HW_CSUM)) == 0) {
            f &= ~Features.TSO6;
        }
        return f;
    }

    /** Driver hook after a feature change (GRO off: flush held packets, ...). */
    protected void featuresChanged() {}

    private static String describeBits(long bits) {
        List<String> names = new ArrayList<>();
        for (Features.Named n : Features.NAMED) {
            if ((bits & n.bits()) != 0) {
                names.add(n.shortName());
            }
        }
        return String.join(",", names);
    }

    /** Transmit queues allocated (Linux's {@code num_tx_queues}); see {@link #realNumTxQueues()}. */
    public final int numTxQueues() {
        return txQueues.length;
    }

    /** Transmit queues in use (Linux's {@code real_num_tx_queues}), at most {@link #numTxQueues()}. */
    public final int realNumTxQueues() {
        return realNumTxQueues;
    }

    /** netif_set_real_num_tx_queues: a driver changing its channel count ({@code ethtool -L}). */
    protected void setRealNumTxQueues(int n) {
        if (n < 1 || n > txQueues.length) {
            throw new IllegalArgumentException(name + ": real tx queues " + n + " outside 1.." + txQueues.length);
        }
        realNumTxQueues = n;
    }

    public final NetdevQueue txQueue(int i) {
        return txQueues[i];
    }

    /**
     * The root qdisc ({@code dev->qdisc}): what {@code tc qdisc show} lists first. For a
     * multi-queue device it is usually an mq whose children sit on the queues; otherwise the
     * queues share it. Null until the qdisc layer installs the defaults.
     */
    public final Qdisc rootQdisc() {
        return rootQdisc;
    }

    /** For the qdisc layer only: sets the root after it has installed the queues' qdiscs. */
    public final void setRootQdisc(Qdisc q) {
        rootQdisc = q;
    }

    /** For the qdisc layer only: the qdiscs tc finds by handle, in the order they were added. */
    public final List<Qdisc> qdiscHash() {
        return qdiscHash;
    }

    /** IFF_NO_QUEUE: virtual devices that need no queue get the noqueue qdisc by default. */
    public final boolean isNoQueue() {
        return noQueue;
    }

    /** Drivers of virtual devices (loopback, veth, bridge) set IFF_NO_QUEUE at creation. */
    protected final void setNoQueue(boolean on) {
        noQueue = on;
    }

    public final int numRxQueues() {
        return numRxQueues;
    }

    protected void setNumRxQueues(int n) {
        numRxQueues = n;
    }

    /** {@code txqueuelen}: the default qdiscs' limit in packets. */
    public int txQueueLen() {
        return txQueueLen;
    }

    public void setTxQueueLen(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("txqueuelen must not be negative, got " + n);
        }
        txQueueLen = n;
    }

    /**
     * ndo_start_xmit: the driver takes {@code skb} and returns {@link #NETDEV_TX_OK}, or returns
     * {@link #NETDEV_TX_BUSY} without taking it (its ring is full; it has stopped the queue and
     * will wake it when space frees). A GSO packet reaches a driver only if it advertises TSO;
     * a CHECKSUM_PARTIAL one only if it advertises checksum offload; a packet with a VLAN tag as
     * metadata ({@link SkBuff#vlanTci()} {@code >= 0}) only if it advertises
     * {@link Features#HW_VLAN_CTAG_TX}, and the driver then inserts the 802.1Q tag. Data starts at
     * the Ethernet header.
     */
    public abstract int startXmit(SkBuff skb, NetdevQueue txq);

    /** Picks the transmit queue for a packet (ndo_select_queue): by flow hash by default. */
    public int selectQueue(SkBuff skb) {
        if (realNumTxQueues == 1) {
            return 0;
        }
        return Integer.remainderUnsigned(skb.hash(), realNumTxQueues);
    }

    /** Driver counters for {@code ethtool -S}, by Linux's names for a comparable NIC. */
    public Map<String, Long> ethtoolStats() {
        return new LinkedHashMap<>(stats.asMap());
    }

    // ---- addresses (kept here, managed by the IP layers) ----

    public List<InetAddress4> ipv4Addresses() {
        return Collections.unmodifiableList(ipv4);
    }

    public List<InetAddress6> ipv6Addresses() {
        return Collections.unmodifiableList(ipv6);
    }

    /** For the IPv4 layer only: the list it manages. */
    public List<InetAddress4> ipv4AddressList() {
        return ipv4;
    }

    /** For the IPv6 layer only: the list it manages. */
    public List<InetAddress6> ipv6AddressList() {
        return ipv6;
    }

    // ---- bridging ----

    public NetDevice master() {
        return master;
    }

    public RxHandler rxHandler() {
        return rxHandler;
    }

    /** Makes this device a port of {@code master} with {@code handler} seeing its frames first. */
    public void setMaster(NetDevice master, RxHandler handler) {
        this.master = master;
        this.rxHandler = handler;
    }

    @Override
    public String toString() {
        return name + "(" + ifindex + ")";
    }
}
