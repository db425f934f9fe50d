package dev.weir.qdisc;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * {@code noop}, Linux's built-in qdisc of a queue that has none: every packet is dropped (and
 * counted here and as {@code QDISC_DROP}). A device has it at its root before its defaults are
 * installed, and an mq queue has it after {@code tc qdisc del} of that queue's child, exactly as
 * in Linux: packets selected for that queue are lost until a qdisc is added back. tc does not list
 * it under a device with other qdiscs.
 */
public final class Noop extends Queueless {
    public Noop(NetDevice dev) {
        super("noop", dev);
        invisible = true;
    }

    @Override
    public int enqueue(SkBuff skb) {
        qdiscDrop(skb);
        return NET_XMIT_CN;
    }
}
