package dev.weir.qdisc;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * {@code noqueue}: the marker a device with no queue carries (the default of IFF_NO_QUEUE devices:
 * loopback, veth, bridges; or set with {@code tc qdisc add dev X root noqueue}). It holds nothing.
 *
 * <p><b>What the device layer does with it</b> (Linux's {@code __dev_queue_xmit} when
 * {@code q->enqueue} is NULL): it does not enqueue; it calls the driver's {@code startXmit}
 * directly. If the device is down the packet is dropped ({@code DEV_READY}). If the driver's
 * queue is stopped or it answers {@code NETDEV_TX_BUSY}, there is nowhere to keep the packet:
 * Linux logs "Virtual device %s asks to queue packet!" and drops it; Weir drops it too, counted
 * in the device's {@code tx_dropped}. Test with {@link Qdiscs#isNoQueue}. Calling
 * {@link #enqueue} is a bug in the caller and throws.
 */
public final class NoQueue extends Queueless {
    public NoQueue(NetDevice dev) {
        super("noqueue", dev);
    }

    @Override
    public int enqueue(SkBuff skb) {
        throw new IllegalStateException("noqueue on " + dev.name() + " has no queue: the device layer must transmit directly (see Qdiscs.isNoQueue)");
    }
}
