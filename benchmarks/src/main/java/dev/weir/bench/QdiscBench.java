package dev.weir.bench;

import dev.weir.api.wire.Bytes;
import dev.weir.core.Args;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.qdisc.Qdiscs;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one packet through a qdisc: one dequeue and one enqueue in a steady state with
 * {@code backlog} packets of {@code flows} UDP flows queued (the dequeued packet goes back in, so
 * nothing is allocated). The virtual clock stands still, so CoDel never drops: this measures the
 * queueing machinery (fq_codel: flow lookup by the cached hash, DRR lists, CoDel's checks).
 *
 * <p>Run: {@code scripts/bench QdiscBench} (1 fork, 2 warm-up and 3 measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class QdiscBench {
    @Param({"pfifo_fast", "fq_codel"})
    String kind;

    @Param({"16"})
    int flows;

    @Param({"64"})
    int backlog;

    private Qdisc q;

    /** The smallest driver that lets a qdisc be built for it; the benchmark never transmits. */
    static final class BenchDevice extends NetDevice {
        BenchDevice(NetNs ns) {
            super(ns, "bench0", ARPHRD_ETHER, 1500, 68, 65535, 1, 1);
        }

        @Override
        public int startXmit(SkBuff skb, NetdevQueue txq) {
            skb.consume();
            return NETDEV_TX_OK;
        }
    }

    @Setup
    public void setUp() {
        Simulation sim = new Simulation(1);
        NetNs ns = new NetNs("bench", sim.scheduler(), sim.rootRandom().split("bench"), 1);
        BenchDevice dev = new BenchDevice(ns);
        ns.register(dev);
        q = Qdiscs.create(kind, new Args("tc", List.of()), dev);
        dev.txQueue(0).setQdisc(q);
        for (int i = 0; i < backlog; i++) {
            q.enqueue(udp(ns, 10_000 + i % flows));
        }
    }

    private static SkBuff udp(NetNs ns, int sport) {
        SkBuff skb = ns.pool().alloc(1514, 64);
        int at = skb.put(1514);
        byte[] b = skb.buf();
        java.util.Arrays.fill(b, at, at + 1514, (byte) 0);
        Bytes.put16(b, at + 12, 0x0800);
        b[at + 14] = 0x45;
        b[at + 23] = 17;
        Bytes.put32(b, at + 26, 0x0a000001);
        Bytes.put32(b, at + 30, 0x0a000002);
        Bytes.put16(b, at + 34, sport);
        Bytes.put16(b, at + 36, 5001);
        skb.resetMacHeader();
        skb.setNetworkHeader(at + 14);
        skb.setProtocol(0x0800);
        return skb;
    }

    @Benchmark
    public SkBuff dequeueThenEnqueue() {
        SkBuff s = q.dequeue();
        q.enqueue(s);
        return s;
    }

    @TearDown
    public void tearDown() {
        q.reset();
    }
}
