package dev.weir.bench;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.Features;
import dev.weir.core.NetNs;
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
 * Receive throughput of one simulated NIC queue on one thread, in frames per second of real
 * (wall-clock) time: a batch of 64 frames is handed to the NIC as the link would
 * ({@code LinkPort.receive}: RSS, checksum verification and DMA into the posted buffers), the
 * interrupt fires at once (rx-usecs 0), and the scheduler runs the NET_RX softirq, one event per
 * packet: NAPI poll, {@code build_skb}, ring refill, {@code eth_type_trans}, then GRO or not,
 * to a receiver that counts and frees. One operation is one frame.
 *
 * <ul>
 * <li>{@link #udpGroOff}: 64-byte UDP frames, GRO off: the bare receive path (the baseline that
 *     XDP_DROP will be measured against in issue 6).
 * <li>{@link #tcpTrain}: 1514-byte in-order TCP segments of one flow, with {@code gro} off or on;
 *     the difference between the two is GRO's cost per segment (the receiver here does no work,
 *     so what GRO saves the stack does not show).
 * </ul>
 *
 * <p>Run: {@code scripts/bench NicRxBench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NicRxBench {
    static final int BATCH = 64;

    /** A host with one NIC queue on one CPU and a counting receiver. */
    public abstract static class Rig {
        Scheduler sched;
        NetNs net;
        Nic nic;
        SkbPool wire;
        byte[][] udp;
        byte[][] tcp;
        long received;
        long segments;

        abstract boolean gro();

        @Setup(Level.Trial)
        public void setUp() {
            Simulation sim = new Simulation(1);
            sched = sim.scheduler();
            net = new NetNs("bench", sched, sim.random("host"), 1);
            Softnet softnet = new Softnet(net);
            net.setReceiver(skb -> {
                received++;
                segments += Math.max(1, skb.gsoSegs());
                skb.consume();
            });
            nic = Nic.create(softnet, "eth0", 0x02_00_00_00_00_02L, 1);
            nic.setCoalesceParams(new EthtoolOps.Coalesce(0, 1, 0, 1));
            nic.setRingParams(1024, 256);
            nic.setFeatures(Features.GRO, gro());
            nic.open();
            wire = new SkbPool("wire");
            udp = new byte[BATCH][];
            tcp = new byte[BATCH][];
            for (int i = 0; i < BATCH; i++) {
                udp[i] = frame(false, 18, i);
                tcp[i] = frame(true, 1448, i);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            nic.close();
        }

        void deliver(byte[][] frames) {
            for (byte[] f : frames) {
                SkBuff s = wire.alloc(f.length, 0);
                s.putBytes(f, 0, f.length);
                nic.receive(s);
            }
            sched.run();
        }
    }

    /** GRO off. */
    @State(Scope.Thread)
    public static class UdpRig extends Rig {
        @Override
        boolean gro() {
            return false;
        }
    }

    /** GRO as the parameter says. */
    @State(Scope.Thread)
    public static class TcpRig extends Rig {
        @Param({"false", "true"})
        public boolean gro;

        @Override
        boolean gro() {
            return gro;
        }
    }

    /** An Ethernet/IPv4 frame to the NIC: UDP, or TCP segment {@code i} of one in-order flow. */
    static byte[] frame(boolean tcp, int payload, int i) {
        int l4h = tcp ? 32 : 8;
        int ipLen = 20 + l4h + payload;
        byte[] b = new byte[14 + ipLen];
        Bytes.put48(b, 0, 0x02_00_00_00_00_02L);
        Bytes.put48(b, 6, 0x02_00_00_00_00_01L);
        Bytes.put16(b, 12, 0x0800);
        b[14] = 0x45;
        Bytes.put16(b, 16, ipLen);
        Bytes.put16(b, 18, i + 1);
        Bytes.put16(b, 20, 0x4000);
        b[22] = 64;
        b[23] = (byte) (tcp ? 6 : 17);
        Bytes.put32(b, 26, 0x0a000001);
        Bytes.put32(b, 30, 0x0a000002);
        Bytes.put16(b, 24, Checksum.internet(b, 14, 20));
        int l4 = 34;
        Bytes.put16(b, l4, 40000);
        Bytes.put16(b, l4 + 2, 5001);
        for (int k = 0; k < payload; k++) {
            b[l4 + l4h + k] = (byte) (k * 7 + i);
        }
        long pseudo = Checksum.pseudoHeaderV4(0x0a000001, 0x0a000002, tcp ? 6 : 17, l4h + payload);
        if (tcp) {
            Bytes.put32(b, l4 + 4, 1000 + i * payload);
            Bytes.put32(b, l4 + 8, 5000);
            Bytes.put16(b, l4 + 12, (8 << 12) | 0x10);
            Bytes.put16(b, l4 + 14, 502);
            b[l4 + 20] = 1;
            b[l4 + 21] = 1;
            b[l4 + 22] = 8;
            b[l4 + 23] = 10;
            Bytes.put32(b, l4 + 24, 100);
            Bytes.put32(b, l4 + 28, 200);
            Bytes.put16(b, l4 + 16, Checksum.finish(Checksum.add(pseudo, b, l4, l4h + payload)));
        } else {
            Bytes.put16(b, l4 + 4, l4h + payload);
            Bytes.put16(b, l4 + 6, Checksum.finish(Checksum.add(pseudo, b, l4, l4h + payload)));
        }
        return b;
    }

    /** 64-byte UDP frames through the receive path with GRO off. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void udpGroOff(UdpRig r, Blackhole bh) {
        r.deliver(r.udp);
        bh.consume(r.received);
    }

    /** In-order 1448-byte TCP segments of one flow, GRO as the {@code gro} parameter says. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tcpTrain(TcpRig r, Blackhole bh) {
        r.deliver(r.tcp);
        bh.consume(r.segments);
    }
}
