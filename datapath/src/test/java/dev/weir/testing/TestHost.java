package dev.weir.testing;

import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.napi.Softnet;
import dev.weir.sim.Scheduler;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.List;

/**
 * A namespace with its softirq machinery and, standing in for l2 and everything above, a
 * receiver that records what reaches {@code netif_receive_skb}, charges {@link #receiverCost}
 * per packet (the work of the stages above), and consumes the buffer. The pool tracks leaks.
 */
public final class TestHost {
    /** What the receiver saw of one packet. */
    public record Received(long time, int cpu, byte[] bytes, int protocol, int pktType, int hash, boolean l4Hash, int ipSummed,
            int queue, int ingressIfindex, int gsoSize, int gsoSegs, int gsoType, int nrFrags, int macToData) {}

    public final Simulation sim;
    public final Scheduler sched;
    public final NetNs net;
    public final Softnet softnet;
    public final List<Received> received = new ArrayList<>();
    /** Transmit queues woken (netif_tx_wake_queue reached the qdisc layer), by queue index. */
    public final List<Integer> txWakes = new ArrayList<>();
    /** Virtual ns the stages above the driver cost per packet. */
    public long receiverCost;

    public TestHost(String name, int cpus) {
        this(new Simulation(1), name, cpus);
    }

    public TestHost(Simulation sim, String name, int cpus) {
        this.sim = sim;
        this.sched = sim.scheduler();
        this.net = new NetNs(name, sched, sim.random("host:" + name), cpus);
        this.net.pool().trackLeaks(true);
        this.softnet = new Softnet(net);
        net.setReceiver(this::receive);
        net.setTxScheduler(this::txSchedule);
    }

    private void receive(SkBuff skb) {
        net.charge(receiverCost);
        received.add(new Received(net.now(), net.currentCpu().id(), skb.toByteArray(), skb.protocol(), skb.pktType(), skb.hash(),
                skb.l4Hash(), skb.ipSummed(), skb.queueMapping(), skb.ingressIfindex(), skb.gsoSize(), skb.gsoSegs(), skb.gsoType(),
                skb.nrFrags(), skb.macHeaderSet() ? skb.data() - skb.macHeader() : -1));
        skb.consume();
    }

    private void txSchedule(NetdevQueue q) {
        txWakes.add(q.index());
        q.clearScheduled();
    }

    /** Packets received on each CPU. */
    public long[] perCpu() {
        long[] n = new long[net.numCpus()];
        for (Received r : received) {
            n[r.cpu()]++;
        }
        return n;
    }

    public void assertNoLeaks() {
        net.pool().assertNoLeaks();
    }
}
