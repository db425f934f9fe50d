package dev.weir.qdisc;

import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/** A qdisc that never holds a packet (noqueue, noop, mq): nothing to dequeue, peek or purge, no parameters. */
abstract class Queueless extends BaseQdisc {
    Queueless(String kind, NetDevice dev) {
        super(kind, dev);
    }

    @Override
    protected final SkBuff doDequeue() {
        return null;
    }

    @Override
    public final SkBuff peek() {
        return null;
    }

    @Override
    protected void doReset() {}

    @Override
    public final String describeParameters() {
        return "";
    }
}
