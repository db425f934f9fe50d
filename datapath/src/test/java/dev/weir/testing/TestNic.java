package dev.weir.testing;

import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.link.LinkEnd;
import dev.weir.link.LinkPort;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ethernet device for tests of the stack above the driver: it records every frame the stack
 * hands it ({@link #sent}), can be plugged into a real {@link dev.weir.link.Link} end so two
 * namespaces talk through it, and can be handed received frames directly ({@link #inject}). Its
 * transmit ring holds {@link #setRing} frames (unbounded by default): when full it stops its
 * queue and refuses with NETDEV_TX_BUSY, as a driver with a full ring does, until
 * {@link #completeTx} frees room and wakes the queue.
 *
 * <p>Born without carrier, as a Linux NIC after probe (netif_carrier_off), until plugged into a
 * link or told {@link #setCarrier}. Coming up, it gets the default qdiscs (pfifo_fast), unless
 * made {@link #noQueue}.
 */
public class TestNic extends NetDevice implements LinkPort {
    /** Every frame handed to startXmit and taken, bytes as they left. */
    public final List<byte[]> sent = new ArrayList<>();
    /** VLAN TCI metadata of each frame in {@link #sent} (-1: none), for offload tests. */
    public final List<Integer> sentTci = new ArrayList<>();
    private LinkEnd end;
    private int ringSize = Integer.MAX_VALUE;
    private int inRing;
    /** startXmit calls refused with NETDEV_TX_BUSY. */
    public int busyReturns;

    public TestNic(NetNs net, String name, long mac) {
        this(net, name, mac, 1);
    }

    public TestNic(NetNs net, String name, long mac, int txQueues) {
        super(net, name, ARPHRD_ETHER, 1500, 68, 65535, txQueues, 1);
        setMac(mac);
        setFlag(IFF_BROADCAST | IFF_MULTICAST, true);
    }

    /** IFF_NO_QUEUE: the device gets the noqueue qdisc when it comes up (call before registering). */
    public TestNic noQueue() {
        setNoQueue(true);
        return this;
    }

    /** Registers and brings the device up (with carrier, unless plugged into a link that is down). */
    public final TestNic up() {
        if (net().device(ifindex()) == null) {
            net().register(this);
        }
        open();
        if (end == null) {
            setCarrier(true);
        }
        return this;
    }

    /** Sets the active offload features (as a driver does for what its hardware has). */
    public TestNic withFeatures(long bits) {
        features = bits;
        hwFeatures = bits;
        return this;
    }

    /** A transmit ring of {@code frames} descriptors. */
    public TestNic setRing(int frames) {
        ringSize = frames;
        return this;
    }

    /** Plugs the device into a link end: what it sends goes there, what arrives there comes up the stack. */
    public TestNic plug(LinkEnd e) {
        end = e;
        e.attach(this);
        setCarrier(e.carrier());
        return this;
    }

    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        if (inRing >= ringSize) {
            txq.stop();
            busyReturns++;
            return NETDEV_TX_BUSY;
        }
        inRing++;
        sent.add(skb.toByteArray());
        sentTci.add(skb.vlanTci());
        stats.txPackets++;
        stats.txBytes += skb.len();
        if (inRing >= ringSize) {
            txq.stop(); // netif_stop_queue when the ring has no room for another frame
        }
        if (end != null) {
            end.transmit(skb);
        } else {
            skb.consume();
        }
        return NETDEV_TX_OK;
    }

    /** The hardware finished sending {@code frames} frames: room in the ring again, queue woken. */
    public void completeTx(int frames) {
        inRing = Math.max(0, inRing - frames);
        for (int i = 0; i < numTxQueues(); i++) {
            txQueue(i).wake();
        }
    }

    /** A frame arrives from the wire: copied into a buffer of this namespace and handed up. */
    public void inject(byte[] frame) {
        SkBuff skb = net().pool().alloc(frame.length, SkBuff.NET_SKB_PAD);
        skb.putBytes(frame, 0, frame.length);
        deliver(skb);
    }

    /** Hands an already built buffer up as received (after "GRO"): data at its Ethernet header. */
    public void deliver(SkBuff skb) {
        skb.setIfindex(ifindex());
        skb.setMacHeader(-1);
        stats.rxPackets++;
        stats.rxBytes += skb.len();
        net().receiver().receive(skb);
    }

    @Override
    public void receive(SkBuff frame) {
        // The sender's metadata means nothing here (LinkPort): scrub what the stack reads.
        frame.setMacHeader(-1);
        frame.setNetworkHeader(-1);
        frame.setTransportHeader(-1);
        frame.setVlanTci(-1);
        frame.setProtocol(0);
        frame.setIpSummed(SkBuff.CHECKSUM_NONE);
        frame.setIngressIfindex(0);
        deliver(frame);
    }

    @Override
    public void carrierChanged(boolean up) {
        setCarrier(up);
    }
}
