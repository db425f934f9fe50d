package dev.weir.bench;

import dev.weir.bench.progs.TcPassProg;
import dev.weir.bench.progs.XdpDropProg;
import dev.weir.bench.progs.XdpPassProg;
import dev.weir.core.Features;
import dev.weir.core.NetNs;
import dev.weir.hooks.Hooks;
import dev.weir.l2.L2;
import dev.weir.maps.MapRegistry;
import dev.weir.napi.Softnet;
import dev.weir.nic.EthtoolOps;
import dev.weir.nic.Nic;
import dev.weir.sim.Scheduler;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The packet path with programs attached, on one thread, in frames per second of wall-clock time
 * (one operation is one frame; JMH's average mode gives the time per frame). The rig is
 * {@link NicRxBench}'s: 64-byte UDP frames handed to one NIC queue as the link would, the
 * interrupt at once, the NET_RX softirq one event per frame, GRO off.
 *
 * <ul>
 *   <li>{@link #xdpDrop}: an XDP program dropping every frame: NIC ring, NAPI poll, XDP, the
 *       buffer recycled in place (no skb is ever built).
 *   <li>{@link #xdp}: {@code programs} XDP_PASS programs chained on the NIC (0: none attached,
 *       the plain receive path), then the skb to a receiver that counts and frees it.
 *   <li>{@link #tcIngress}: {@code programs} TC_ACT_UNSPEC programs on the device's tc ingress,
 *       with the real device layer above the NIC (the frames, of an EtherType no one handles,
 *       are then dropped as {@code UNHANDLED_PROTO} after tc, whatever the programs).
 * </ul>
 * Each program of a chain is loaded anew, so a chain of five runs five distinct hidden classes
 * through the chain's one call site, as five different programs would.
 *
 * <p>Run: {@code scripts/bench HooksBench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HooksBench {
    static final int BATCH = 64;

    /** A host with one NIC queue on one CPU. */
    public abstract static class Rig {
        Scheduler sched;
        NetNs net;
        Nic nic;
        Hooks hooks;
        SkbPool wire;
        byte[][] udp;
        long received;

        void build(boolean l2) {
            Simulation sim = new Simulation(1);
            sched = sim.scheduler();
            net = new NetNs("bench", sched, sim.random("host"), 1);
            Softnet softnet = new Softnet(net);
            L2 layer = null;
            if (l2) {
                layer = L2.install(net);
            } else {
                net.setReceiver(skb -> {
                    received++;
                    skb.consume();
                });
            }
            nic = Nic.create(softnet, "eth0", 0x02_00_00_00_00_02L, 1);
            nic.setCoalesceParams(new EthtoolOps.Coalesce(0, 1, 0, 1));
            nic.setRingParams(1024, 256);
            nic.setFeatures(Features.GRO, false);
            nic.open();
            hooks = Hooks.of(net, MapRegistry.of(net), softnet, layer, null, null, null, null, null);
            wire = new SkbPool("wire");
            udp = new byte[BATCH][];
            for (int i = 0; i < BATCH; i++) {
                byte[] f = NicRxBench.frame(false, 18, i);
                if (l2) {
                    f[12] = (byte) 0x88; // EtherType 0x88b5 (local experimental): no handler above tc
                    f[13] = (byte) 0xb5;
                }
                udp[i] = f;
            }
        }

        void deliver() {
            for (byte[] f : udp) {
                SkBuff s = wire.alloc(f.length, 0);
                s.putBytes(f, 0, f.length);
                nic.receive(s);
            }
            sched.run();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            nic.close();
        }
    }

    /** XDP_PASS programs, then the stack's receiver. */
    @State(Scope.Thread)
    public static class XdpRig extends Rig {
        @Param({"0", "1", "5"})
        public int programs;

        @Setup(Level.Trial)
        public void setUp() {
            build(false);
            for (int i = 0; i < programs; i++) {
                hooks.attach(hooks.load(XdpPassProg.class), "xdp dev eth0", i);
            }
        }
    }

    /** One XDP_DROP program. */
    @State(Scope.Thread)
    public static class DropRig extends Rig {
        @Setup(Level.Trial)
        public void setUp() {
            build(false);
            hooks.attach(hooks.load(XdpDropProg.class), "xdp dev eth0", 0);
        }
    }

    /** TC_ACT_UNSPEC programs on tc ingress, over the real device layer. */
    @State(Scope.Thread)
    public static class TcRig extends Rig {
        @Param({"0", "1", "5"})
        public int programs;

        @Setup(Level.Trial)
        public void setUp() {
            build(true);
            for (int i = 0; i < programs; i++) {
                hooks.attach(hooks.load(TcPassProg.class), "tc ingress dev eth0", i);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void xdpDrop(DropRig r, Blackhole bh) {
        r.deliver();
        bh.consume(r.sched.eventsExecuted());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void xdp(XdpRig r, Blackhole bh) {
        r.deliver();
        bh.consume(r.received);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tcIngress(TcRig r, Blackhole bh) {
        r.deliver();
        bh.consume(r.net.counters().totalDrops());
    }
}
