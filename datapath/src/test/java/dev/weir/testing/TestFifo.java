package dev.weir.testing;

import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * A packet FIFO written to the {@link Qdisc} contract (pfifo with a packet limit), so the device
 * layer's qdisc run loop can be tested before the qdisc package's algorithms are on this branch.
 */
public final class TestFifo extends Qdisc {
    private final SkbQueue q = new SkbQueue();
    private final int limit;

    public TestFifo(int limit) {
        super("pfifo");
        this.limit = limit;
    }

    @Override
    public int enqueue(SkBuff skb) {
        if (q.size() >= limit) {
            dropPacket(skb);
            return NET_XMIT_DROP;
        }
        q.addLast(skb);
        accountEnqueue(skb);
        return NET_XMIT_SUCCESS;
    }

    @Override
    public SkBuff dequeue() {
        SkBuff s = q.pollFirst();
        if (s != null) {
            accountDequeue(s);
        }
        return s;
    }

    @Override
    public SkBuff peek() {
        return q.peekFirst();
    }

    @Override
    public void reset() {
        SkBuff s;
        while ((s = q.pollFirst()) != null) {
            qlen--;
            backlog -= s.len();
            txq.device().net().drop(s, dev.weir.core.DropReason.QUEUE_PURGE);
        }
    }

    @Override
    public String describeParameters() {
        return "limit " + limit + "p";
    }
}
