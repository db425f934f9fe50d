package dev.weir.qdisc;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.core.Sysctls;
import java.util.List;

/**
 * Making and installing qdiscs: the entry points the device layer calls, and the grafting tc
 * uses. Linux's counterparts are named on each method.
 *
 * <pre>
 *   registration:  Qdiscs.createDefault(dev)       attach_default_qdiscs
 *   ip link up:    Qdiscs.activate(dev)            dev_activate (defaults after a root delete)
 *   per packet:    q = dev.txQueue(i).qdisc()
 *                  Qdiscs.isNoQueue(q) ? startXmit directly : q.enqueue(skb), then run q
 *   tc:            new Tc(ns).run(args, out)       tc qdisc add|replace|change|del|show
 * </pre>
 *
 * <p>Kinds: {@code pfifo_fast}, {@code pfifo}, {@code bfifo}, {@code noqueue}, {@code mq},
 * {@code fq_codel}, {@code tbf}, {@code fq}, {@code netem}.
 */
public final class Qdiscs {
    /** The sysctl naming the kind each queue gets by default (Linux's default is pfifo_fast). */
    public static final String DEFAULT_QDISC_SYSCTL = "net.core.default_qdisc";

    /** Kinds that work with no options, hence may be {@code net.core.default_qdisc}. */
    static final List<String> DEFAULTABLE = List.of("pfifo_fast", "pfifo", "bfifo", "fq_codel", "fq", "noqueue");

    /** Kinds Weir implements. */
    static final List<String> KINDS = List.of("pfifo_fast", "pfifo", "bfifo", "noqueue", "mq", "fq_codel", "tbf", "fq", "netem");

    private Qdiscs() {}

    /** Registers the qdisc layer's sysctls on a host (once; later calls do nothing). */
    public static void registerSysctls(NetNs ns) {
        Sysctls s = ns.sysctls();
        if (!s.exists(DEFAULT_QDISC_SYSCTL)) {
            s.registerText(DEFAULT_QDISC_SYSCTL, "pfifo_fast", DEFAULTABLE,
                    "qdisc a device's queues get when it is registered (and mq's children)");
        }
    }

    /**
     * Installs a device's default qdiscs and returns the root (Linux's
     * {@code attach_default_qdiscs}): a single-queue device, or one with IFF_NO_QUEUE, gets one
     * qdisc per queue (noqueue for IFF_NO_QUEUE, else {@code net.core.default_qdisc}) and the
     * first is the root; a multi-queue device gets an {@link Mq} whose children are of the
     * default kind. If the default cannot be made (pfifo_fast needs a txqueuelen), the device
     * falls back to noqueue, as Linux does.
     */
    public static Qdisc createDefault(NetDevice dev) {
        registerSysctls(dev.net());
        if (dev.numTxQueues() < 2 || dev.isNoQueue()) {
            for (int i = 0; i < dev.numTxQueues(); i++) {
                BaseQdisc q = dev.isNoQueue() ? new NoQueue(dev) : createDefaultKind(dev);
                graftOnQueue(dev, i, q);
            }
            dev.setRootQdisc(dev.txQueue(0).qdisc());
        } else {
            Mq mq = new Mq(dev);
            mq.init();
            dev.setRootQdisc(mq);
            mq.attachChildren();
        }
        return dev.rootQdisc();
    }

    /**
     * dev_activate's part: a device whose root is {@link Noop} (its root was deleted while it was
     * down) gets its defaults back. The device layer calls this when the device comes up.
     */
    public static void activate(NetDevice dev) {
        if (dev.rootQdisc() == null || dev.rootQdisc() instanceof Noop) {
            createDefault(dev);
        }
    }

    /** True for the noqueue marker: the device layer transmits directly (see {@link NoQueue}). */
    public static boolean isNoQueue(Qdisc q) {
        return q instanceof NoQueue;
    }

    /**
     * A qdisc of {@code kind} for {@code dev} with options in tc's syntax (e.g.
     * {@code ("fq_codel", "limit 1000 target 2ms")}), not installed anywhere: the same parsing
     * and checks as {@code tc qdisc add}. Throws {@link CommandException} with tc's message.
     */
    public static BaseQdisc create(String kind, Args args, NetDevice dev) {
        Object opts = TcOptions.parse(kind, args.rest(), dev);
        return instantiate(kind, dev, opts, 0, BaseQdisc.TC_H_ROOT);
    }

    /** The default kind for one queue, from {@code net.core.default_qdisc}; noqueue if it cannot be made. */
    static BaseQdisc createDefaultKind(NetDevice dev) {
        registerSysctls(dev.net());
        String kind = dev.net().sysctls().value(DEFAULT_QDISC_SYSCTL).text();
        try {
            return instantiate(kind, dev, null, 0, BaseQdisc.TC_H_ROOT);
        } catch (CommandException e) {
            return new NoQueue(dev);
        }
    }

    /** qdisc_create: the kernel side of making a qdisc with the options tc parsed (null: none). */
    static BaseQdisc instantiate(String kind, NetDevice dev, Object opts, int handle, int parent) {
        BaseQdisc q = switch (kind) {
            case "pfifo_fast" -> {
                if (dev.txQueueLen() == 0) {
                    throw new CommandException(2, "RTNETLINK answers: Invalid argument");
                }
                yield new PfifoFast(dev);
            }
            case "pfifo", "bfifo" -> new Fifo(kind, dev, opts == null ? null : ((Fifo.Options) opts).limit());
            case "noqueue" -> new NoQueue(dev);
            case "mq" -> new Mq(dev);
            case "fq_codel" -> new FqCodel(dev, (FqCodel.Options) opts);
            case "fq" -> new Fq(dev, (Fq.Options) opts);
            case "tbf" -> {
                if (opts == null) {
                    throw new CommandException(2, "RTNETLINK answers: Invalid argument");
                }
                yield new Tbf(dev, (Tbf.Options) opts);
            }
            case "netem" -> new Netem(dev, opts != null ? (Netem.Options) opts : TcOptions.netemDefaults(),
                    "netem:" + dev.name() + ":" + Handles.format(handle));
            default -> throw new CommandException(2, "Error: Specified qdisc kind is unknown.");
        };
        q.setHandle(handle);
        q.setParent(parent);
        q.init();
        return q;
    }

    /**
     * dev_graft_qdisc on queue {@code ntx}: installs {@code q} and destroys what was there
     * (unless it is still the root or still on another queue).
     */
    static void graftOnQueue(NetDevice dev, int ntx, BaseQdisc q) {
        NetdevQueue txq = dev.txQueue(ntx);
        Qdisc old = txq.qdisc();
        txq.setQdisc(q);
        if (old instanceof BaseQdisc b && old != q && old != dev.rootQdisc() && !onAnyQueue(dev, old)) {
            destroyTree(dev, b);
        }
    }

    private static boolean onAnyQueue(NetDevice dev, Qdisc q) {
        for (int i = 0; i < dev.numTxQueues(); i++) {
            if (dev.txQueue(i).qdisc() == q) {
                return true;
            }
        }
        return false;
    }

    /**
     * qdisc_graft with no parent: {@code q} becomes the root. A plain qdisc is installed on every
     * queue (they share it, as in Linux); an mq puts its children on the queues instead. The old
     * root and the queues' old qdiscs are destroyed (their packets purged). {@code q} null
     * (delete) leaves {@link Noop} at the root and the defaults come back if the device is up.
     */
    static void graftRoot(NetDevice dev, BaseQdisc q) {
        Qdisc oldRoot = dev.rootQdisc();
        BaseQdisc onQueues = q == null ? new Noop(dev) : q instanceof Mq ? null : q;
        if (onQueues != null) {
            for (int i = 0; i < dev.numTxQueues(); i++) {
                graftOnQueue(dev, i, onQueues);
            }
        }
        dev.setRootQdisc(q == null ? onQueues : q);
        if (oldRoot instanceof BaseQdisc b && oldRoot != q && !onAnyQueue(dev, oldRoot)) {
            destroyTree(dev, b);
        }
        if (q instanceof Mq mq) {
            mq.attachChildren();
        }
        if (q == null && dev.isUp()) {
            activate(dev);
        }
    }

    /** qdisc_destroy of a qdisc and everything under it: purged, timers stopped, gone from tc's table. */
    static void destroyTree(NetDevice dev, BaseQdisc q) {
        for (BaseQdisc c : q.children()) {
            if (c != null && dev.qdiscHash().contains(c)) {
                destroyTree(dev, c);
            }
        }
        dev.qdiscHash().remove(q);
        q.destroy();
    }

    /** qdisc_hash_add: tc can find and list {@code q} (a non-root qdisc). */
    static void hashAdd(NetDevice dev, BaseQdisc q) {
        if (!dev.qdiscHash().contains(q)) {
            dev.qdiscHash().add(q);
        }
    }

    /**
     * The host's flow-hash seed (Linux's {@code hashrnd}): derived from the host's random seed
     * by name, so every user on the host (fq_codel, fq, RPS) computes the same hash for a packet.
     */
    public static int flowHashSeed(NetNs ns) {
        return (int) ns.random().split("flow_hash").nextLong();
    }
}
