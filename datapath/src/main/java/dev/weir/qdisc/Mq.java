package dev.weir.qdisc;

import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mq} (Linux's sch_mq), the root of a multi-queue device: it queues nothing itself; each
 * transmit queue has its own child qdisc, of the kind {@code net.core.default_qdisc} names when
 * mq is created (pfifo_fast unless changed), with parent {@code mq:N} for queue N-1 and handle 0.
 * {@code tc qdisc replace dev X parent mq:N KIND} puts another qdisc on that queue;
 * {@code tc qdisc del} of a child leaves {@link Noop} there, as Linux does. The statistics tc
 * shows for mq are the sums of its children's.
 *
 * <p>Packets never reach {@link #enqueue}: the device layer picks the queue
 * ({@code selectQueue}) and enqueues into that queue's qdisc.
 */
public final class Mq extends Queueless {
    private List<BaseQdisc> pending;

    public Mq(NetDevice dev) {
        super("mq", dev);
    }

    /** mq_init: a root of a multi-queue device, or "Operation not supported". */
    @Override
    void init() {
        if (parent() != TC_H_ROOT || dev.numTxQueues() < 2) {
            throw new CommandException(2, "RTNETLINK answers: Operation not supported");
        }
        pending = new ArrayList<>();
        for (int ntx = 0; ntx < dev.numTxQueues(); ntx++) {
            BaseQdisc child = Qdiscs.createDefaultKind(dev);
            child.setParent(Handles.make(handle(), ntx + 1));
            pending.add(child);
        }
    }

    /** mq_attach: puts each child on its queue (destroying what was there) and makes it visible to tc. */
    @Override
    void attachChildren() {
        for (int ntx = 0; ntx < pending.size(); ntx++) {
            BaseQdisc child = pending.get(ntx);
            Qdiscs.graftOnQueue(dev, ntx, child);
            Qdiscs.hashAdd(dev, child);
        }
        pending = null;
    }

    @Override
    List<BaseQdisc> children() {
        List<BaseQdisc> out = new ArrayList<>();
        if (pending != null) {
            out.addAll(pending);
            return out;
        }
        for (int i = 0; i < dev.numTxQueues(); i++) {
            Qdisc q = dev.txQueue(i).qdisc();
            if (q instanceof BaseQdisc b && q != this) {
                out.add(b);
            }
        }
        return out;
    }

    @Override
    BaseQdisc leaf(int minor) {
        int ntx = minor - 1;
        if (ntx < 0 || ntx >= dev.numTxQueues()) {
            throw new CommandException(2, "Error: Specified class not found.");
        }
        return (BaseQdisc) dev.txQueue(ntx).qdisc();
    }

    @Override
    void graft(int minor, BaseQdisc q) {
        int ntx = minor - 1;
        Qdiscs.graftOnQueue(dev, ntx, q != null ? q : new Noop(dev));
    }

    @Override
    void refreshStats() {
        bytes = 0;
        packets = 0;
        drops = 0;
        overlimits = 0;
        requeues = 0;
        qlen = 0;
        backlog = 0;
        for (BaseQdisc c : children()) {
            c.refreshStats();
            bytes += c.bytes;
            packets += c.packets;
            drops += c.drops;
            overlimits += c.overlimits;
            requeues += c.requeues;
            qlen += c.qlen;
            backlog += c.backlog;
        }
    }

    @Override
    public int enqueue(SkBuff skb) {
        throw new IllegalStateException("mq on " + dev.name() + " queues nothing: enqueue into the qdisc of the transmit queue the packet maps to");
    }

    @Override
    protected void doReset() {
        for (BaseQdisc c : children()) {
            c.reset();
        }
    }

    @Override
    public void destroy() {
        // The children live on the queues; whoever replaces mq grafts over them and destroys them.
        if (pending != null) {
            for (BaseQdisc c : pending) {
                c.destroy();
            }
            pending = null;
        }
    }
}
