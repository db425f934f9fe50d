package dev.weir.qdisc;

import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.List;

/**
 * A driver for tests: records every packet {@code startXmit} is given (time, length, queue,
 * priority, flow tag, the bytes) and consumes it. With a line rate it is busy for each packet's
 * serialization time: it stops the queue and wakes it when the wire is free, so a qdisc in front
 * of it sees the backpressure a real NIC gives.
 */
final class TestDevice extends NetDevice {
    /** What the driver saw for one packet. */
    record Sent(long time, int len, int queue, int priority, long tag, byte[] bytes) {}

    final List<Sent> sent = new ArrayList<>();
    private final long bitsPerSecond;
    private long busyUntil;
    private boolean keepBytes;
    /** Called with each packet the driver takes, before it is consumed (a test's receiver). */
    java.util.function.Consumer<SkBuff> onXmit = s -> { };

    TestDevice(NetNs net, String name, int numTxQueues, long bitsPerSecond, boolean noQueue) {
        super(net, name, ARPHRD_ETHER, 1500, 68, 65535, numTxQueues, numTxQueues);
        this.bitsPerSecond = bitsPerSecond;
        setNoQueue(noQueue);
        setCarrier(true);
    }

    TestDevice keepBytes() {
        keepBytes = true;
        return this;
    }

    @Override
    public int startXmit(SkBuff skb, NetdevQueue txq) {
        long now = net().now();
        sent.add(new Sent(now, skb.len(), txq.index(), skb.priority(), skb.mark(), keepBytes ? skb.toByteArray() : null));
        onXmit.accept(skb);
        if (bitsPerSecond > 0) {
            long start = Math.max(now, busyUntil);
            busyUntil = start + skb.len() * 8L * 1_000_000_000L / bitsPerSecond;
            txq.stop();
            net().scheduler().scheduleAt(busyUntil, txq::wake);
        }
        skb.consume();
        return NETDEV_TX_OK;
    }
}
