package dev.weir.l2;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Qdisc;
import dev.weir.qdisc.Qdiscs;
import dev.weir.api.prog.StageFunction;
import dev.weir.skb.SkBuff;
import dev.weir.trace.Tracing;
import java.util.Arrays;

/**
 * The device layer of one namespace (Linux's {@code net/core/dev.c}): the receive core every
 * frame goes through after the driver and GRO, the transmit entry point every packet leaves
 * by, the EtherType table protocols register in, capture taps, and VLAN demultiplexing.
 *
 * <pre>
 * receive ({@link #receive}, installed as {@link NetNs#receiver()}):
 *   eth_type_trans (unless the driver did it) --&gt; another round, per device the frame is on:
 *     [taps] --&gt; 802.1Q untag --&gt; [tc ingress] --&gt; VLAN device? (switch device, next round)
 *     --&gt; rx_handler (bridge port: forward, flood, or hand up on the bridge device)
 *     --&gt; EtherType table: ip_rcv, ipv6_rcv, arp_rcv; none: rx_dropped, UNHANDLED_PROTO
 * transmit ({@link #devQueueXmit}):
 *   [tc egress] --&gt; device down? DEV_READY --&gt; select tx queue
 *     qdisc:    enqueue, run (quota dev_weight x dev_weight_tx_bias, rest on the NET_TX event)
 *     noqueue:  straight to the driver (loopback, VLAN, bridge devices)
 *   each packet: VLAN tag, software GSO, checksum completion --&gt; [taps] --&gt; startXmit
 *     NETDEV_TX_BUSY: back to the queue's requeue slot (requeues++), queue waits for wake()
 * </pre>
 *
 * <p>Created once per namespace with {@link #install}, which makes it the namespace's receiver
 * and transmit scheduler. Everything runs on the namespace's simulation thread.
 */
public final class L2 implements NetNs.Receiver {
    private final NetNs net;
    private final Taps taps = new Taps();
    private final TxPath tx;
    private final Tracing trace;
    /** tc ingress hooks by ifindex (null: none). */
    private TcHook[] tcIngress = new TcHook[16];
    private int[] types = new int[0];
    private PacketHandler[] handlers = new PacketHandler[0];
    private NetDevice[] byIndex = new NetDevice[16];
    /** Devices that have been up at least once (dev_activate ran): before that Linux shows qdisc noop. */
    private boolean[] activated = new boolean[16];
    /** VLAN devices by lower device ifindex, then VLAN id (allocated when a lower gets its first VLAN). */
    private VlanDevice[][] vlans = new VlanDevice[16][];

    private L2(NetNs net) {
        this.net = net;
        this.trace = Tracing.of(net);
        this.tx = new TxPath(net, taps, trace);
        for (NetDevice d : net.devices()) {
            index(d);
        }
        net.addDeviceListener(this::deviceEvent);
    }

    /** Creates the device layer of {@code net} and installs it as its receiver and transmit scheduler. */
    public static L2 install(NetNs net) {
        if (net.receiver() != null) {
            throw new IllegalStateException(net + " already has a receiver (" + net.receiver() + "); install L2 once per namespace");
        }
        L2 l2 = new L2(net);
        net.setReceiver(l2);
        net.setTxScheduler(l2.tx);
        return l2;
    }

    public NetNs net() {
        return net;
    }

    // ---- the EtherType table (ptype_base) ------------------------------------------------

    /**
     * dev_add_pack: {@code handler} receives every frame of {@code etherType} (an EtherType such
     * as {@link EtherType#IPV4}, or {@link Eth#ETH_P_802_2}). One handler per type: a second
     * registration is refused, naming the first.
     */
    public void register(int etherType, PacketHandler handler) {
        if (etherType < 0 || etherType > 0xffff) {
            throw new IllegalArgumentException("EtherType must be 0..0xffff, got 0x" + Integer.toHexString(etherType));
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler for EtherType " + EtherType.name(etherType) + " must not be null");
        }
        PacketHandler old = handler(etherType);
        if (old != null) {
            throw new IllegalStateException("EtherType " + EtherType.name(etherType) + " already has a handler on " + net.name() + ": " + old);
        }
        types = Arrays.copyOf(types, types.length + 1);
        handlers = Arrays.copyOf(handlers, handlers.length + 1);
        types[types.length - 1] = etherType;
        handlers[handlers.length - 1] = handler;
    }

    /** dev_remove_pack; returns whether {@code handler} was the one registered for {@code etherType}. */
    public boolean unregister(int etherType, PacketHandler handler) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == etherType && handlers[i] == handler) {
                int[] t = new int[types.length - 1];
                PacketHandler[] h = new PacketHandler[handlers.length - 1];
                System.arraycopy(types, 0, t, 0, i);
                System.arraycopy(types, i + 1, t, i, t.length - i);
                System.arraycopy(handlers, 0, h, 0, i);
                System.arraycopy(handlers, i + 1, h, i, h.length - i);
                types = t;
                handlers = h;
                return true;
            }
        }
        return false;
    }

    /** The handler registered for {@code etherType}, or null. */
    public PacketHandler handler(int etherType) {
        int[] t = types;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == etherType) {
                return handlers[i];
            }
        }
        return null;
    }

    // ---- taps ----------------------------------------------------------------------------

    /** A tap on every device of the namespace, present and future (tcpdump -i any). */
    public TapRegistration addTap(PacketTap tap) {
        return taps.add(null, tap);
    }

    /** A tap on {@code dev} (tcpdump -i dev); it goes away with the device. */
    public TapRegistration addTap(NetDevice dev, PacketTap tap) {
        if (dev == null) {
            throw new IllegalArgumentException("addTap(dev, tap) needs a device; use addTap(tap) for all devices");
        }
        return taps.add(dev, tap);
    }

    /** A tap added with {@link #addTap}; {@link #remove()} takes it away. */
    public static final class TapRegistration {
        private final Taps taps;
        private final NetDevice dev;
        private final PacketTap tap;

        TapRegistration(Taps taps, NetDevice dev, PacketTap tap) {
            this.taps = taps;
            this.dev = dev;
            this.tap = tap;
        }

        /** Removes the tap; returns false when it was already gone. */
        public boolean remove() {
            return taps.remove(dev, tap);
        }
    }

    // ---- receive -------------------------------------------------------------------------

    /**
     * netif_receive_skb, called by drivers (through NAPI and GRO) for every received frame. On
     * entry {@link SkBuff#ifindex()} names the receiving device and {@code skb.data()} is the
     * first byte of the Ethernet header; a driver that already ran {@code eth_type_trans}
     * (data past the MAC header, as Linux drivers hand frames to GRO) may pass that too, and the
     * classification is then kept. Takes ownership of {@code skb}.
     */
    @Override
    public void receive(SkBuff skb) {
        int t = trace.enter(StageFunction.NETIF_RECEIVE_SKB, skb, null, 0, 0, 0, 0);
        receive0(skb);
        trace.leaveRx(t);
    }

    private void receive0(SkBuff skb) {
        NetDevice dev = deviceByIndex(skb.ifindex());
        if (dev == null) {
            net.drop(skb, DropReason.LINK_DOWN);
            return;
        }
        net.charge(net.costs().netifReceive);
        if (!skb.macHeaderSet() || skb.macHeader() == skb.data()) {
            if (!skb.mayPull(Eth.HLEN)) {
                dev.stats.rxLengthErrors++;
                dev.stats.rxErrors++;
                net.drop(skb, DropReason.PKT_TOO_SMALL);
                return;
            }
            Eth.typeTrans(skb, dev);
        }
        core(skb, dev);
    }

    /**
     * netif_receive_skb under Linux's name, the same as {@link #receive}: for drivers wired with
     * {@code net.setReceiver(l2::netifReceiveSkb)}, and for an upper device that takes a frame
     * in (a bridge handing a frame up on its own device, {@link SkBuff#ifindex()} naming it).
     */
    public void netifReceiveSkb(SkBuff skb) {
        receive(skb);
    }

    /** __netif_receive_skb_core: one round per device the frame is on. */
    private void core(SkBuff skb, NetDevice dev) {
        trace.netifReceiveSkb(skb, dev);
        int t = trace.enter(StageFunction.NETIF_RECEIVE_SKB_CORE, skb, null, 0, 0, 0, 0);
        core0(skb, dev);
        trace.leaveRx(t);
    }

    private void core0(SkBuff skb, NetDevice dev) {
        while (true) {
            skb.setIngressIfindex(dev.ifindex());
            skb.resetNetworkHeader();
            if (taps.active(dev)) {
                int macLen = skb.data() - skb.macHeader();
                skb.push(macLen);
                taps.deliver(dev, skb, false);
                skb.pull(macLen);
            }
            if (skb.protocol() == EtherType.VLAN && skb.vlanTci() < 0 && !untag(skb)) {
                return;
            }

            // ---- tc ingress (sch_handle_ingress) ----
            TcHook tc = tcHook(tcIngress, dev);
            if (tc != null && tc.run(skb, dev) != TcHook.CONTINUE) {
                return;
            }

            if (skb.vlanTci() >= 0) {
                VlanDevice vd = vlan(dev, skb.vlanTci() & VlanDevice.VID_MASK);
                if (vd != null) {
                    if (!vd.isUp()) {
                        net.drop(skb, DropReason.DEV_READY);
                        return;
                    }
                    vd.received(skb);
                    dev = vd;
                    continue;
                }
            }
            NetDevice.RxHandler rx = dev.rxHandler();
            if (rx != null && rx.handle(skb) == NetDevice.RxResult.CONSUMED) {
                return;
            }
            if (skb.vlanTci() >= 0) {
                // A tag no VLAN device claims: VLAN 0 (priority tag) is the device's own traffic,
                // any other VLAN is not for this host.
                if ((skb.vlanTci() & VlanDevice.VID_MASK) != 0) {
                    skb.setPktType(SkBuff.PACKET_OTHERHOST);
                }
                skb.setVlanTci(-1);
            }
            PacketHandler h = handler(skb.protocol());
            if (h == null) {
                // Linux counts rx_dropped here (rx_nohandler only for exact-match delivery,
                // bonding's inactive slaves); checked on Linux 6.18 with an 0x88b5 frame on a veth.
                dev.stats.rxDropped++;
                net.drop(skb, DropReason.UNHANDLED_PROTO);
                return;
            }
            h.rcv(skb, dev);
            return;
        }
    }

    /**
     * skb_vlan_untag: moves the 802.1Q tag after the MAC addresses into {@link SkBuff#vlanTci()},
     * so the frame reads as untagged and protocol is the inner type. False when it was dropped.
     */
    private boolean untag(SkBuff skb) {
        if (!skb.mayPull(Eth.VLAN_HLEN)) {
            net.drop(skb, DropReason.PKT_TOO_SMALL);
            return false;
        }
        skb.makeWritable();
        byte[] b = skb.buf();
        int d = skb.data();
        int tci = Bytes.u16(b, d);
        int inner = Bytes.u16(b, d + 2);
        int mac = skb.macHeader();
        System.arraycopy(b, mac, b, mac + Eth.VLAN_HLEN, 12);
        skb.setMacHeader(mac + Eth.VLAN_HLEN);
        skb.pull(Eth.VLAN_HLEN);
        skb.resetNetworkHeader();
        skb.setVlanTci(tci);
        if (inner < Eth.ETH_P_802_3_MIN) {
            boolean raw = skb.headLen() >= 2 && (b[skb.data()] & 0xff) == 0xff && (b[skb.data() + 1] & 0xff) == 0xff;
            inner = raw ? Eth.ETH_P_802_3 : Eth.ETH_P_802_2;
        }
        skb.setProtocol(inner);
        return true;
    }

    // ---- transmit ------------------------------------------------------------------------

    /**
     * dev_queue_xmit: sends {@code skb} out of {@code dev}. On entry {@code skb.data()} is the
     * first byte of the link-layer header (built by the neighbour layer, {@link Eth#hardHeader});
     * {@link SkBuff#protocol()} is the EtherType, the network header is set. Takes ownership;
     * returns {@link Qdisc#NET_XMIT_SUCCESS}, {@link Qdisc#NET_XMIT_CN} (queued, congestion) or
     * {@link Qdisc#NET_XMIT_DROP} (dropped, counted with its reason). A device without a qdisc
     * on the chosen queue is noqueue: the packet goes to the driver at once.
     */
    public int devQueueXmit(SkBuff skb, NetDevice dev) {
        return tx.devQueueXmit(skb, dev);
    }

    // ---- tc hooks (clsact) ------------------------------------------------------------------

    /**
     * Installs (or with null removes) the tc hook of {@code dev}'s ingress or egress: what the
     * hooks layer does when the first program is attached there (and the last detached).
     */
    public void setTcHook(NetDevice dev, boolean ingress, TcHook hook) {
        int i = dev.ifindex();
        if (ingress) {
            tcIngress = setHook(tcIngress, i, hook);
        } else {
            tx.tcEgress = setHook(tx.tcEgress, i, hook);
        }
    }

    /** The tc hook of {@code dev}'s ingress or egress, or null. */
    public TcHook tcHook(NetDevice dev, boolean ingress) {
        return tcHook(ingress ? tcIngress : tx.tcEgress, dev);
    }

    static TcHook tcHook(TcHook[] hooks, NetDevice dev) {
        int i = dev.ifindex();
        return i < hooks.length ? hooks[i] : null;
    }

    private static TcHook[] setHook(TcHook[] hooks, int i, TcHook hook) {
        TcHook[] a = i < hooks.length ? hooks : Arrays.copyOf(hooks, Math.max(i + 1, hooks.length * 2));
        a[i] = hook;
        return a;
    }

    /** Replaces software GSO for devices without TSO (by default {@code Gso::segment}). */
    public void setSegmenter(Segmenter s) {
        tx.segmenter = s;
    }

    // ---- devices -------------------------------------------------------------------------

    /** The registered device with {@code ifindex}, or null; an array load. */
    public NetDevice deviceByIndex(int ifindex) {
        NetDevice[] a = byIndex;
        return ifindex > 0 && ifindex < a.length ? a[ifindex] : null;
    }

    /** The VLAN device for {@code vid} on {@code lower}, or null. */
    public VlanDevice vlan(NetDevice lower, int vid) {
        int i = lower.ifindex();
        VlanDevice[][] v = vlans;
        if (i >= v.length || v[i] == null) {
            return null;
        }
        return v[i][vid];
    }

    /**
     * {@code ip link add link LOWER name NAME type vlan id VID}: a registered 802.1Q device, down,
     * with the lower device's address and MTU. The message says what is wrong (VLAN id range,
     * a VLAN {@code vid} already on {@code lower}, a lower device that is not Ethernet).
     */
    public VlanDevice addVlan(String name, NetDevice lower, int vid) {
        if (vid < 0 || vid >= VlanDevice.VID_MASK) {
            throw new IllegalArgumentException("Invalid VLAN id " + vid + " (0..4094)");
        }
        if (lower.type() != NetDevice.ARPHRD_ETHER) {
            throw new IllegalArgumentException("VLANs need an Ethernet lower device; " + lower.name() + " is not");
        }
        if (vlan(lower, vid) != null) {
            throw new IllegalArgumentException("VLAN device already exists: " + vlan(lower, vid).name() + " is VLAN " + vid + " on " + lower.name());
        }
        VlanDevice vd = new VlanDevice(this, name, lower, vid);
        net.register(vd);
        int i = lower.ifindex();
        if (i >= vlans.length) {
            vlans = Arrays.copyOf(vlans, Math.max(i + 1, vlans.length * 2));
        }
        if (vlans[i] == null) {
            vlans[i] = new VlanDevice[VlanDevice.VID_MASK + 1];
        }
        vlans[i][vid] = vd;
        return vd;
    }

    /** {@code ip link add NAME type bridge}: a registered bridge, down, with a random local address. */
    public Bridge addBridge(String name) {
        Bridge br = new Bridge(this, name);
        net.register(br);
        return br;
    }

    private void index(NetDevice d) {
        int i = d.ifindex();
        if (i >= byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, Math.max(i + 1, byIndex.length * 2));
            activated = Arrays.copyOf(activated, byIndex.length);
        }
        byIndex[i] = d;
        activated[i] = d.isUp();
    }

    /**
     * True once {@code dev} has been up: Linux attaches a device's qdiscs when it first goes up
     * (dev_activate), and until then {@code ip link} shows {@code qdisc noop}.
     */
    public boolean activated(NetDevice dev) {
        int i = dev.ifindex();
        return i < activated.length && activated[i];
    }

    private void deviceEvent(NetDevice dev, NetNs.DeviceEvent e) {
        switch (e) {
            case REGISTER -> index(dev);
            case UNREGISTER -> unregistered(dev);
            default -> {
                if (e == NetNs.DeviceEvent.UP) {
                    // dev_activate: a device gets its default qdiscs when it first comes up.
                    Qdiscs.activate(dev);
                    if (dev.ifindex() < activated.length) {
                        activated[dev.ifindex()] = true;
                    }
                }
                VlanDevice[] vs = dev.ifindex() < vlans.length ? vlans[dev.ifindex()] : null;
                if (vs != null) {
                    for (VlanDevice v : vs) {
                        if (v != null) {
                            v.lowerEvent(e);
                        }
                    }
                }
                if (dev.master() instanceof Bridge br) {
                    br.portEvent(dev, e);
                }
                if (dev instanceof Bridge br) {
                    br.selfEvent(e);
                }
            }
        }
    }

    private void unregistered(NetDevice dev) {
        if (dev.ifindex() < tcIngress.length) {
            tcIngress[dev.ifindex()] = null;
        }
        if (dev.ifindex() < tx.tcEgress.length) {
            tx.tcEgress[dev.ifindex()] = null;
        }
        if (dev.master() instanceof Bridge br) {
            br.removePort(dev);
        }
        if (dev instanceof Bridge br) {
            br.releaseAllPorts();
        }
        if (dev instanceof VlanDevice vd) {
            VlanDevice[] vs = vlans[vd.lower().ifindex()];
            if (vs != null) {
                vs[vd.vid()] = null;
            }
        }
        int i = dev.ifindex();
        if (i < vlans.length && vlans[i] != null) {
            // unregister_vlan_dev: VLANs go with their lower device.
            VlanDevice[] vs = vlans[i];
            vlans[i] = null;
            for (VlanDevice v : vs) {
                if (v != null) {
                    net.unregister(v);
                }
            }
        }
        taps.deviceGone(dev);
        if (i < byIndex.length) {
            byIndex[i] = null;
            activated[i] = false;
        }
    }

    @Override
    public String toString() {
        return "L2[" + net.name() + "]";
    }
}
