package dev.weir.napi;

import dev.weir.core.Cpu;
import dev.weir.core.DropReason;
import dev.weir.core.NetNs;
import dev.weir.core.Sysctls;
import dev.weir.qdisc.Qdiscs;
import dev.weir.skb.FlowDissector;
import dev.weir.skb.SkBuff;

/**
 * A host's softirq receive machinery: one {@link NetRxAction} (poll list, backlog, NET_RX loop)
 * per modelled CPU, the sysctls that govern them, and the entry points drivers use to hand
 * packets up. Create one per namespace, before its devices:
 *
 * <pre>{@code
 * Softnet softnet = new Softnet(net);            // registers net.core.* knobs
 * Napi napi = softnet.newNapi("eth0-rx-0", cpu, Napi.POLL_WEIGHT, driver);
 * softnet.netifRx(skb);                          // loopback, TAP: to this CPU's backlog
 * }</pre>
 *
 * <p>Knobs (Linux's names and defaults): {@code net.core.dev_weight} (64, the backlog's weight),
 * {@code net.core.netdev_budget} (300 packets per NET_RX round),
 * {@code net.core.netdev_budget_usecs} (2000 us per round),
 * {@code net.core.netdev_max_backlog} (1000 packets per CPU backlog).
 *
 * <p>{@link #netifReceiveSkb} is Linux's {@code netif_receive_skb_internal}: with an RPS map for
 * the packet's receive queue it goes to the backlog of the CPU the flow hash picks, else
 * straight to {@link NetNs#receiver()} on the current CPU.
 */
public final class Softnet {
    /** netif_rx results. */
    public static final int NET_RX_SUCCESS = 0;
    public static final int NET_RX_DROP = 1;

    /** First interrupt number handed to devices (the ones below are the platform's). */
    public static final int FIRST_DEVICE_IRQ = 24;

    private final NetNs net;
    private final NetRxAction[] cpus;
    private final Sysctls.Value devWeight;
    private final Sysctls.Value netdevBudget;
    private final Sysctls.Value netdevBudgetUsecs;
    private final Sysctls.Value maxBacklog;
    private final int flowHashSeed;
    private int nextIrq = FIRST_DEVICE_IRQ;
    private long nextNapiId;

    public Softnet(NetNs net) {
        this.net = net;
        this.flowHashSeed = Qdiscs.flowHashSeed(net);
        Sysctls s = net.sysctls();
        devWeight = s.registerInt("net.core.dev_weight", 64, 1, Integer.MAX_VALUE,
                "packets the per-CPU backlog (netif_rx, RPS) processes per NAPI poll");
        netdevBudget = s.registerInt("net.core.netdev_budget", 300, 0, Integer.MAX_VALUE,
                "packets one NET_RX softirq round may process over all NAPI polls before yielding (time_squeeze)");
        netdevBudgetUsecs = s.registerInt("net.core.netdev_budget_usecs", 2000, 0, Integer.MAX_VALUE,
                "microseconds one NET_RX softirq round may run before yielding (time_squeeze)");
        maxBacklog = s.registerInt("net.core.netdev_max_backlog", 1000, 0, Integer.MAX_VALUE,
                "packets a CPU's backlog (netif_rx, RPS) holds before dropping (softnet_stat dropped)");
        cpus = new NetRxAction[net.numCpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new NetRxAction(this, net.cpu(i), devWeight.getInt());
        }
        devWeight.onChange(v -> {
            for (NetRxAction c : cpus) {
                c.backlog.setWeight((int) v);
            }
        });
    }

    public NetNs net() {
        return net;
    }

    /** The NET_RX machinery of CPU {@code i}. */
    public NetRxAction cpu(int i) {
        return cpus[i];
    }

    public int numCpus() {
        return cpus.length;
    }

    /** netif_napi_add: a NAPI context polled on {@code cpu} with {@code weight} packets per poll. */
    public Napi newNapi(String name, int cpu, int weight, Napi.Driver driver) {
        return new Napi(this, name, cpu, weight, driver);
    }

    long nextNapiId() {
        return ++nextNapiId;
    }

    /** A new interrupt number for a device vector (what {@code /proc/interrupts} lists). */
    public int allocIrq() {
        return nextIrq++;
    }

    int netdevBudget() {
        return netdevBudget.getInt();
    }

    long netdevBudgetUsecs() {
        return netdevBudgetUsecs.get();
    }

    /**
     * netif_rx: queues a packet on the current CPU's backlog (loopback, TAP devices); dropped
     * and counted ({@code softnet_stat} dropped, {@link DropReason#CPU_BACKLOG}) when the backlog
     * already holds more than {@code netdev_max_backlog}.
     */
    public int netifRx(SkBuff skb) {
        return enqueueToBacklog(skb, net.currentCpu().id());
    }

    /**
     * enqueue_to_backlog: queues {@code skb} on CPU {@code cpu}'s backlog and schedules its
     * backlog NAPI context. Scheduling another CPU's backlog from here is an inter-processor
     * interrupt: the target counts it in {@code received_rps}, as Linux's
     * {@code rps_trigger_softirq} does.
     */
    public int enqueueToBacklog(SkBuff skb, int cpu) {
        NetRxAction t = cpus[cpu];
        // Linux admits while qlen <= netdev_max_backlog, so the queue may reach max + 1.
        if (t.inputQueue.size() <= maxBacklog.get()) {
            t.inputQueue.addLast(skb);
            if (!t.backlog.isScheduled()) {
                if (cpu != net.currentCpu().id()) {
                    t.cpu().receivedRps++;
                }
                t.backlog.schedule();
            }
            return NET_RX_SUCCESS;
        }
        t.cpu().dropped++;
        net.drop(skb, DropReason.CPU_BACKLOG);
        return NET_RX_DROP;
    }

    /**
     * netif_receive_skb: with an RPS map that has CPUs, the flow hash (the device's, else
     * {@link FlowDissector#getHash} with the host's seed, the one the qdiscs use) picks the CPU
     * whose backlog gets the packet, as Linux's {@code get_rps_cpu}. Without RPS the packet goes
     * to the stack now, on the current CPU.
     */
    public void netifReceiveSkb(SkBuff skb, RpsMap rps) {
        if (rps != null && rps.size() > 0) {
            enqueueToBacklog(skb, rps.cpuFor(FlowDissector.getHash(skb, flowHashSeed)));
            return;
        }
        cpus[net.currentCpu().id()].deliver(skb);
    }

    void deliverToReceiver(SkBuff skb) {
        NetNs.Receiver r = net.receiver();
        if (r == null) {
            net.drop(skb, DropReason.UNHANDLED_PROTO);
            return;
        }
        r.receive(skb);
    }

    /**
     * {@code /proc/net/softnet_stat} as Linux 6.x prints it: one line per CPU of fifteen hex
     * columns: processed, dropped, time_squeeze, five zeros, cpu_collision (0), received_rps,
     * flow_limit_count, backlog length, CPU index, input queue length, process queue length.
     */
    public String softnetStat() {
        StringBuilder sb = new StringBuilder();
        for (NetRxAction a : cpus) {
            Cpu c = a.cpu();
            int q = a.backlogLength();
            sb.append(String.format("%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x\n",
                    c.processed, c.dropped, c.timeSqueeze, 0, 0, 0, 0, 0, 0, c.receivedRps, c.flowLimitCount, q, c.id(), q, 0));
        }
        return sb.toString();
    }
}
