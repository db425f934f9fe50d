package dev.weir.l2;

import dev.weir.core.DropReason;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.sim.SimRandom;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A learning Ethernet bridge (Linux's {@code net/bridge} with STP off, no VLAN filtering and no
 * multicast snooping): {@code ip link add br0 type bridge}, ports added with
 * {@code ip link set dev eth1 master br0}. A topology's switch is a namespace holding one.
 *
 * <p><b>Receive on a port</b> (the port's rx handler, br_handle_frame): a frame with a multicast
 * or zero source is dropped (MAC_INVALID_SOURCE); link-local group addresses 01:80:c2:00:00:0X
 * are handed to the port's own stack (00, the STP group, is forwarded since STP is off; 01,
 * pause frames, is dropped); everything else learns its source address on the port
 * (br_fdb_update) and is then
 * <ul>
 * <li>handed up on the bridge device when its destination is a local address (the bridge's or
 *     a port's own), with pkt_type HOST when it is the bridge's address;
 * <li>forwarded to the port its destination was learned on (dropped when that is the port it
 *     came from);
 * <li>flooded to every forwarding port but the one it came from when its destination is unknown
 *     unicast, broadcast or multicast; broadcast and multicast are handed up on the bridge device
 *     too (as with mcast_snooping 0), and anything is when the bridge device is promiscuous.
 * </ul>
 * Bridging never looks past the Ethernet header: TTL and checksums are untouched. A frame longer
 * than the egress port's MTU plus 18 bytes is dropped (PKT_TOO_BIG), as is_skb_forwardable.
 *
 * <p><b>Transmit on the bridge device</b> (br_dev_xmit): the same lookup, flooding or forwarding
 * from the bridge itself.
 *
 * <p><b>Ageing</b>: learned entries are deleted once not refreshed for {@link #ageingTime()}
 * (default 300 s; {@code ageing_time} in centiseconds on the command line, as iproute2); an
 * ageing time of 0 turns learning off, so everything floods. The ageing timer runs only while
 * learned entries exist.
 *
 * <p><b>Address and state</b>: a bridge starts with a random locally administered address and,
 * until one is set by hand, takes the lowest address of its ports (br_stp_recalculate_bridge_id).
 * Its MTU follows the smallest port MTU. A port forwards while it is running and the bridge is
 * up (no STP: no listening or learning delay); the bridge has carrier while a port forwards.
 */
public final class Bridge extends NetDevice {
    /** BR_DEFAULT_AGEING_TIME: 300 s. */
    public static final long DEFAULT_AGEING_TIME = 300_000_000_000L;

    /** One port: a device whose frames this bridge's handler sees first. */
    public static final class Port {
        final NetDevice dev;
        final RxHandler handler;

        Port(NetDevice dev, RxHandler handler) {
            this.dev = dev;
            this.handler = handler;
        }

        public NetDevice device() {
            return dev;
        }
    }

    private final L2 l2;
    private final NetNs net;
    private final List<Port> ports = new ArrayList<>();
    private final Fdb fdb = new Fdb();
    private final Timer gcTimer;
    private long ageingTime = DEFAULT_AGEING_TIME;
    private boolean addrSetByUser;
    private boolean mtuSetByUser;
    /** Carrier follows the ports once a port was ever added (before that, a fresh device's carrier). */
    private boolean carrierManaged;

    Bridge(L2 l2, String name) {
        super(l2.net(), name, ARPHRD_ETHER, 1500, 68, 65535, 1, 1);
        this.l2 = l2;
        this.net = l2.net();
        setFlag(IFF_BROADCAST | IFF_MULTICAST, true);
        setNoQueue(true); // IFF_NO_QUEUE, as br_dev_setup
        bornWithCarrier();
        features = Features.SG | Features.HW_CSUM | Features.ALL_TSO | Features.GSO | Features.HW_VLAN_CTAG_TX;
        hwFeatures = Features.SG | Features.HW_CSUM | Features.ALL_TSO | Features.GSO;
        super.setMac(randomLocalMac(net.random().split("bridge:" + name)));
        gcTimer = net.scheduler().newTimer(net.name() + ":" + name + ":fdb-gc", this::fdbCleanup);
    }

    /** eth_hw_addr_random: random, unicast, locally administered. */
    static long randomLocalMac(SimRandom r) {
        long m = r.nextLong() & 0xffff_ffff_ffffL;
        m &= ~0x0100_0000_0000L;
        m |= 0x0200_0000_0000L;
        return m;
    }

    public long ageingTime() {
        return ageingTime;
    }

    /** Sets the ageing time in nanoseconds (0: no learning, flood everything). */
    public void setAgeingTime(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("ageing time must not be negative, got " + nanos + " ns");
        }
        ageingTime = nanos;
        if (fdb.dynamicCount() > 0) {
            gcTimer.scheduleIn(0);
        }
    }

    /** The ports, in the order they were added. */
    public List<Port> ports() {
        return Collections.unmodifiableList(ports);
    }

    /** {@code ip link set dev X address MAC} on the bridge: it keeps this address from now on. */
    @Override
    public void setMac(long mac) {
        addrSetByUser = true;
        changeAddress(mac);
        carrierManaged = true; // br_stp_change_bridge_id runs port state selection
        updateCarrier();
    }

    @Override
    public void setMtu(int newMtu) {
        super.setMtu(newMtu);
        mtuSetByUser = true;
    }

    @Override
    public String operState() {
        if (!isUp()) {
            return "DOWN";
        }
        if (!carrierManaged) {
            return "UNKNOWN";
        }
        return hasCarrier() ? "UP" : "DOWN";
    }

    // ---- ports -------------------------------------------------------------------------

    /**
     * br_add_if: makes {@code dev} a port (its frames now reach this bridge first), promiscuous,
     * with its address as a local entry. Refuses the bridge itself, loopback, a non-Ethernet
     * device, and a device already a port of some bridge, saying which.
     */
    public Port addPort(NetDevice dev) {
        if (dev == this) {
            throw new IllegalArgumentException("a bridge cannot be a port of itself (" + name() + ")");
        }
        if ((dev.flags() & IFF_LOOPBACK) != 0 || dev.type() != ARPHRD_ETHER) {
            throw new IllegalArgumentException("Can not enslave " + dev.name() + " to " + name() + ": only Ethernet devices can be bridge ports");
        }
        if (dev.master() != null) {
            throw new IllegalArgumentException(dev.name() + " is already a port of " + dev.master().name());
        }
        if (dev instanceof Bridge) {
            throw new IllegalArgumentException("Can not enslave a bridge device (" + dev.name() + ") to a bridge");
        }
        Port[] holder = new Port[1];
        Port p = new Port(dev, skb -> handleFrame(holder[0], skb));
        holder[0] = p;
        ports.add(p);
        dev.setMaster(this, p.handler);
        dev.adjustPromiscuity(1);
        addLocal(dev.mac(), p);
        recalculateAddress();
        if (!mtuSetByUser) {
            autoMtu();
        }
        carrierManaged = true;
        updateCarrier();
        return p;
    }

    /** br_del_if ({@code ip link set dev X nomaster}): its entries go, its address no longer counts. */
    public void removePort(NetDevice dev) {
        Port p = port(dev);
        if (p == null) {
            throw new IllegalArgumentException(dev.name() + " is not a port of " + name());
        }
        ports.remove(p);
        fdb.deleteByPort(p);
        dev.setMaster(null, null);
        dev.adjustPromiscuity(-1);
        recalculateAddress();
        if (!mtuSetByUser) {
            autoMtu();
        }
        updateCarrier();
    }

    /** The bridge is being removed: every port is released. */
    void releaseAllPorts() {
        for (Port p : new ArrayList<>(ports)) {
            removePort(p.dev);
        }
        gcTimer.cancel();
    }

    Port port(NetDevice dev) {
        for (Port p : ports) {
            if (p.dev == dev) {
                return p;
            }
        }
        return null;
    }

    /** A port forwards while its device is running and the bridge is up (STP off). */
    private boolean forwarding(Port p) {
        return isUp() && p.dev.isRunning();
    }

    void portEvent(NetDevice dev, NetNs.DeviceEvent e) {
        updateCarrier();
    }

    void selfEvent(NetNs.DeviceEvent e) {
        if (e == NetNs.DeviceEvent.UP || e == NetNs.DeviceEvent.DOWN) {
            updateCarrier();
        }
        if (e == NetNs.DeviceEvent.DOWN) {
            // br_dev_stop stops the ageing work; learned entries stay until it runs again.
            gcTimer.cancel();
        } else if (e == NetNs.DeviceEvent.UP && fdb.dynamicCount() > 0) {
            gcTimer.scheduleIn(0);
        }
    }

    /** br_port_state_selection: carrier while some port forwards (none while the bridge is down). */
    private void updateCarrier() {
        if (!carrierManaged) {
            return;
        }
        boolean any = false;
        for (Port p : ports) {
            any |= forwarding(p);
        }
        setCarrier(any);
    }

    private void autoMtu() {
        int min = -1;
        for (Port p : ports) {
            if (min < 0 || p.dev.mtu() < min) {
                min = p.dev.mtu();
            }
        }
        if (min > 0 && min != mtu()) {
            super.setMtu(Math.max(min, minMtu()));
        }
    }

    /** br_stp_recalculate_bridge_id: the lowest port address, unless the user chose one. */
    private void recalculateAddress() {
        if (addrSetByUser || ports.isEmpty()) {
            return;
        }
        long min = -1;
        for (Port p : ports) {
            if (min < 0 || Long.compareUnsigned(p.dev.mac(), min) < 0) {
                min = p.dev.mac();
            }
        }
        if (min != mac()) {
            changeAddress(min);
        }
    }

    /** br_fdb_change_mac_address: the bridge's own local entry follows its address. */
    private void changeAddress(long newMac) {
        Fdb.Entry old = fdb.find(mac());
        if (old != null && old.local && old.port == null) {
            fdb.delete(old);
        }
        super.setMac(newMac);
        addLocal(newMac, null);
    }

    /** fdb_add_local: an address of this host; an existing local entry for it is kept. */
    private void addLocal(long mac, Port p) {
        Fdb.Entry e = fdb.find(mac);
        if (e != null) {
            if (e.local) {
                return;
            }
            fdb.delete(e);
        }
        fdb.insert(mac, p, true, true, net.now());
    }

    // ---- the forwarding database ---------------------------------------------------------

    /** br_fdb_update: learn or refresh {@code mac} on port {@code p}. */
    private void learn(long mac, Port p) {
        if (ageingTime == 0) {
            return; // hold time 0: always flood
        }
        Fdb.Entry e = fdb.find(mac);
        long now = net.now();
        if (e != null) {
            if (e.local) {
                return; // our own address as a source: Linux warns and ignores it
            }
            e.updated = now;
            if (e.port != p && !e.isStatic) {
                e.port = p; // the station moved
            }
            return;
        }
        fdb.insert(mac, p, false, false, now);
        if (!gcTimer.isPending() && isUp()) {
            gcTimer.scheduleAt(now + ageingTime);
        }
    }

    /**
     * br_fdb_cleanup: deletes learned entries older than the ageing time and sleeps until the
     * next one would expire (at least 10 ms apart).
     */
    private void fdbCleanup() {
        long now = net.now();
        long next = Long.MAX_VALUE;
        for (Fdb.Entry e : fdb.entries()) {
            if (e.isStatic) {
                continue;
            }
            long expires = e.updated + ageingTime;
            if (expires > now) {
                next = Math.min(next, expires);
            } else {
                fdb.delete(e);
            }
        }
        if (next != Long.MAX_VALUE && isUp()) {
            gcTimer.scheduleAt(Math.max(next, now + 10_000_000L));
        }
    }

    /** A snapshot of the database for {@code bridge fdb show}, newest first. */
    public List<FdbRecord> fdbEntries() {
        List<FdbRecord> out = new ArrayList<>();
        for (Fdb.Entry e : fdb.entries()) {
            out.add(new FdbRecord(e.mac, e.port == null ? this : e.port.dev, e.local, e.isStatic, e.updated, e.used));
        }
        return out;
    }

    /**
     * One forwarding database entry as {@code bridge fdb show} lists it.
     *
     * @param mac the address
     * @param device the port it is on, or the bridge itself for the bridge's own address
     * @param local an address of this host (shown "permanent")
     * @param isStatic never aged
     * @param updated virtual time last learned or refreshed
     * @param used virtual time a frame was last forwarded to it
     */
    public record FdbRecord(long mac, NetDevice device, boolean local, boolean isStatic, long updated, long used) {}

    /** The port {@code mac} was learned on (or the bridge, for a local address of the bridge), or null. */
    public NetDevice lookup(long mac) {
        Fdb.Entry e = fdb.find(mac);
        return e == null ? null : e.port == null ? this : e.port.dev;
    }

    // ---- receive on a port -------------------------------------------------------------

    /** br_handle_frame: the port's rx handler. */
    private RxResult handleFrame(Port p, SkBuff skb) {
        long src = Eth.source(skb);
        long dst = Eth.destination(skb);
        if (!Eth.isValidUnicast(src)) {
            net.drop(skb, DropReason.MAC_INVALID_SOURCE);
            return RxResult.CONSUMED;
        }
        if (Eth.isLinkLocal(dst)) {
            int low = (int) (dst & 0xf);
            if (low == 0x01) {
                net.drop(skb, DropReason.MAC_IEEE_MAC_CONTROL);
                return RxResult.CONSUMED;
            }
            if (low != 0x00) {
                // __br_handle_local_finish: learn, then the port's own stack takes it (LLDP, ...).
                if (forwarding(p)) {
                    learn(src, p);
                }
                return RxResult.PASS;
            }
            // 01:80:c2:00:00:00 with STP off: forwarded, to keep loop detection working.
        }
        if (!forwarding(p)) {
            net.drop(skb, DropReason.NOT_SPECIFIED); // port disabled
            return RxResult.CONSUMED;
        }
        if (dst == mac()) {
            skb.setPktType(SkBuff.PACKET_HOST);
        }
        handleFrameFinish(p, skb, src, dst);
        return RxResult.CONSUMED;
    }

    /** br_handle_frame_finish. */
    private void handleFrameFinish(Port p, SkBuff skb, long src, long dst) {
        learn(src, p);
        boolean promisc = (flags() & IFF_PROMISC) != 0;
        boolean localRcv = promisc;
        if (Eth.isMulticast(dst)) {
            localRcv = true;
            if (!Eth.isBroadcast(dst)) {
                stats.multicast++;
            }
            flood(skb, true, localRcv, false, p.dev);
        } else {
            Fdb.Entry e = fdb.find(dst);
            if (e != null) {
                if (e.local) {
                    passUp(skb);
                    return;
                }
                e.used = net.now();
                forwardTo(e.port, skb, localRcv, false, p.dev);
            } else {
                flood(skb, false, localRcv, false, p.dev);
            }
        }
        if (localRcv) {
            passUp(skb);
        }
    }

    /** br_pass_frame_up: the frame is received again on the bridge device. */
    private void passUp(SkBuff skb) {
        stats.rxPackets++;
        stats.rxBytes += skb.len();
        skb.setIfindex(ifindex());
        l2.netifReceiveSkb(skb);
    }

    /**
     * br_forward: to one port; a clone when the frame also goes up ({@code localRcv}); dropped
     * when the port may not take it (the ingress port, not forwarding) and it does not go up.
     */
    private void forwardTo(Port to, SkBuff skb, boolean localRcv, boolean localOrig, NetDevice ingress) {
        if (to != null && shouldDeliver(to, ingress)) {
            push(to, localRcv ? skb.clone() : skb, localOrig);
            return;
        }
        if (!localRcv) {
            net.drop(skb, DropReason.NOT_SPECIFIED);
        }
    }

    /** br_flood: every forwarding port but the ingress one; the last gets the original unless it also goes up. */
    private void flood(SkBuff skb, boolean group, boolean localRcv, boolean localOrig, NetDevice ingress) {
        Port prev = null;
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            if (!shouldDeliver(p, ingress)) {
                continue;
            }
            if (prev != null) {
                push(prev, skb.clone(), localOrig);
            }
            prev = p;
        }
        if (prev == null) {
            if (!localRcv) {
                net.drop(skb, DropReason.NOT_SPECIFIED);
            }
            return;
        }
        push(prev, localRcv ? skb.clone() : skb, localOrig);
    }

    /** should_deliver: forwarding, and not back out of the port it came in on (no hairpin). */
    private boolean shouldDeliver(Port p, NetDevice ingress) {
        return p.dev != ingress && forwarding(p);
    }

    /** __br_forward + br_dev_queue_push_xmit: the frame, from its Ethernet header, to the port's queue. */
    private void push(Port to, SkBuff skb, boolean localOrig) {
        int macLen = skb.data() - skb.macHeader();
        if (macLen > 0) {
            skb.push(macLen);
        }
        NetDevice d = to.dev;
        if (!skb.isGso() && skb.len() > d.mtu() + Eth.HLEN + Eth.VLAN_HLEN) {
            net.drop(skb, DropReason.PKT_TOO_BIG);
            return;
        }
        if (!localOrig && skb.ipSummed() == SkBuff.CHECKSUM_COMPLETE) {
            skb.setIpSummed(SkBuff.CHECKSUM_NONE); // skb_forward_csum
        }
        l2.devQueueXmit(skb, d);
    }

    // ---- transmit on the bridge device -------------------------------------------------

    /** br_dev_xmit: frames the host sends through the bridge. */
    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        stats.txPackets++;
        stats.txBytes += skb.len();
        long dst = Eth.destination(skb);
        if (Eth.isMulticast(dst)) {
            flood(skb, true, false, true, null);
        } else {
            Fdb.Entry e = fdb.find(dst);
            if (e != null) {
                forwardTo(e.port, skb, false, true, null);
            } else {
                flood(skb, false, false, true, null);
            }
        }
        return NETDEV_TX_OK;
    }
}
