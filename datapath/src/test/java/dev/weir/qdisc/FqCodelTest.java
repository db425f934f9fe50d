package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.Args;
import dev.weir.core.Qdisc;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FqCodelTest {
    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;

    private final TestHost host = new TestHost(11);

    @AfterEach
    void nothingLeaked() {
        for (var d : host.ns.devices()) {
            d.close();
        }
        host.pool.assertNoLeaks();
    }

    private TestDevice deviceWith(String tcOptions, long bitsPerSecond) {
        TestDevice dev = host.device("eth0", 1, bitsPerSecond);
        new Tc(host.ns).run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: fq_codel " + tcOptions)),
                new PrintWriter(new StringWriter()));
        return dev;
    }

    private SkBuff pkt(int sport, int len, int tos, int tag) {
        SkBuff s = host.udp4(TestHost.ip(10, 0, 0, 1), TestHost.ip(10, 0, 0, 2), sport, 80, len, tos);
        s.setMark(tag);
        return s;
    }

    @Test
    void defaultsAreLinuxsAndShowAsTcPrintsThem() {
        TestDevice dev = host.device("eth0", 1, 0);
        FqCodel q = new FqCodel(dev);
        assertThat(q.limit()).isEqualTo(10240);
        assertThat(q.flows()).isEqualTo(1024);
        assertThat(q.quantum()).isEqualTo(1514);
        assertThat(q.targetNanos()).isEqualTo(4882L << 10);    // 5 ms in 1024 ns units, as Linux stores it
        assertThat(q.intervalNanos()).isEqualTo(97656L << 10);
        assertThat(q.ecn()).isTrue();
        assertThat(q.memoryLimit()).isEqualTo(32L << 20);
        assertThat(q.dropBatch()).isEqualTo(64);
        assertThat(q.describeParameters())
                .isEqualTo("limit 10240p flows 1024 quantum 1514 target 5ms interval 100ms memory_limit 32Mb ecn drop_batch 64 ");
        assertThat(q.describeExtraStats()).isEqualTo("  maxpacket 0 drop_overlimit 0 new_flow_count 0 ecn_mark 0\n"
                + "  new_flows_len 0 old_flows_len 0");
    }

    @Test
    void optionsReadBackWithLinuxsRounding() {
        TestDevice dev = deviceWith("limit 1000 flows 64 quantum 300 target 500us interval 20ms noecn ce_threshold 2ms memory_limit 4mb drop_batch 8", 0);
        FqCodel q = (FqCodel) dev.txQueue(0).qdisc();
        // 500 us is 488 units of 1024 ns, which read back as 499 us; 2 ms reads back as 1999 us,
        // which tc's three significant digits print as 2ms.
        assertThat(q.describeParameters()).isEqualTo(
                "limit 1000p flows 64 quantum 300 target 499us ce_threshold 2ms interval 20ms memory_limit 4Mb drop_batch 8 ");
    }

    @Test
    void newFlowsGoFirstAndFlowsShareByQuantum() {
        TestDevice dev = host.device("eth0", 1, 0);
        FqCodel q = new FqCodel(dev);
        dev.txQueue(0).setQdisc(q);
        for (int i = 0; i < 4; i++) {
            q.enqueue(pkt(1000, 1000, 0, 100 + i));   // bulk flow A
        }
        assertThat(q.newFlowsLen()).isEqualTo(1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 2; i++) {   // A: deficit 1514 -> 514 -> -486
            SkBuff s = q.dequeue();
            order.add(s.mark());
            s.consume();
        }
        q.enqueue(pkt(2000, 100, 0, 200));   // sparse flow B arrives: a new flow
        for (SkBuff s; (s = q.dequeue()) != null; ) {
            order.add(s.mark());
            s.consume();
        }
        // A is moved to the old list when its deficit runs out; B, new, is served before it.
        assertThat(order).containsExactly(100, 101, 200, 102, 103);
        assertThat(q.newFlowCount()).isEqualTo(2);
        assertThat(q.maxpacket()).isEqualTo(1000);
    }

    @Test
    void overLimitDropsHalfTheFattestFlowFromItsHeadInOneBatch() {
        TestDevice dev = deviceWith("limit 100", 0);
        FqCodel q = (FqCodel) dev.txQueue(0).qdisc();
        dev.txQueue(0).stop();
        for (int i = 0; i < 100; i++) {
            assertThat(host.xmit(dev, pkt(1000, 500, 0, i))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        }
        assertThat(host.xmit(dev, pkt(2000, 500, 0, 1000))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);   // fat flow is another one
        // 101 packets > limit: the fat flow (100 x 500 B) loses 25000 B worth: 50 packets.
        assertThat(q.dropOverlimit()).isEqualTo(50);
        assertThat(q.drops).isEqualTo(50);
        assertThat(q.qlen).isEqualTo(51);
        for (int i = 0; i < 49; i++) {
            host.xmit(dev, pkt(1000, 500, 0, 2000 + i));
        }
        // Now the flow that is over the limit again is the one enqueueing: NET_XMIT_CN.
        assertThat(host.xmit(dev, pkt(1000, 500, 0, 3000))).isEqualTo(Qdisc.NET_XMIT_CN);
        assertThat(q.peek().mark()).isGreaterThanOrEqualTo(50);   // head drops: the oldest went first
    }

    @Test
    void memoryLimitDropsCountAsOverMemory() {
        TestDevice dev = deviceWith("memory_limit 100k", 0);
        FqCodel q = (FqCodel) dev.txQueue(0).qdisc();
        dev.txQueue(0).stop();
        for (int i = 0; i < 200; i++) {
            host.xmit(dev, pkt(1000, 1500, 0, i));
        }
        assertThat(q.dropOvermemory()).isPositive().isEqualTo(q.dropOverlimit());
        assertThat(q.memoryUsage()).isLessThanOrEqualTo(100 * 1024);
        assertThat(q.describeExtraStats()).contains(" memory_used " + q.memoryUsage() + " drop_overmemory " + q.dropOvermemory());
    }

    /** One Reno flow (responsive bulk) against a 10 Mbit/s link, plus a sparse flow, for 30 s. */
    private record Overload(RenoSender bulk, long[] sparseSojourn, FqCodel q, TestDevice dev) {}

    private Overload overload(String qdisc, int bulkTos) {
        TestDevice dev = host.device("eth0", 1, 10_000_000).keepBytes();
        new Tc(host.ns).run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: " + qdisc)),
                new PrintWriter(new StringWriter()));
        RenoSender bulk = new RenoSender(host, dev, 40000, 1514, bulkTos, 20 * MS, 0);
        long[] sparseEnq = new long[3100];
        long[] sparseSent = new long[3100];
        int sparseBase = 1 << 20;
        java.util.function.Consumer<SkBuff> prev = dev.onXmit;
        dev.onXmit = s -> {
            prev.accept(s);
            if (s.mark() >= sparseBase) {
                sparseSent[s.mark() - sparseBase] = host.sim.now();
            }
        };
        int[] n = {0};
        Timer[] t = new Timer[1];
        t[0] = host.sim.scheduler().newTimer("sparse", () -> {
            sparseEnq[n[0]] = host.sim.now();
            host.xmit(dev, pkt(7000, 100, 0, sparseBase + n[0]++));
            t[0].scheduleIn(10 * MS);
        });
        t[0].scheduleIn(0);
        bulk.start();
        host.sim.scheduler().runUntil(30 * SEC);
        t[0].cancel();
        long[] sparse = new long[n[0] - 500];
        for (int i = 500; i < n[0]; i++) {
            sparse[i - 500] = sparseSent[i] - sparseEnq[i];
        }
        java.util.Arrays.sort(sparse);
        Qdisc q = dev.txQueue(0).qdisc();
        return new Overload(bulk, sparse, q instanceof FqCodel f ? f : null, dev);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    @Test
    void codelKeepsABulkFlowsSojournNearTargetWhileASparseFlowSeesAlmostNone() {
        Overload o = overload("fq_codel", 0);
        long[] bulk = o.bulk().sojourns(5 * SEC, 29 * SEC);
        // RFC 8289: the standing queue settles around target (5 ms) rather than filling the buffer.
        assertThat(pct(bulk, 0.5)).isBetween(1 * MS, 8 * MS);
        assertThat(pct(bulk, 0.99)).isLessThan(30 * MS);
        // ... without starving the link: Reno keeps it busy.
        long bytes = 0;
        for (TestDevice.Sent s : o.dev().sent) {
            if (s.time() >= 5 * SEC) {
                bytes += s.len();
            }
        }
        assertThat(bytes * 8.0 / 25).isGreaterThan(9_000_000);
        assertThat(o.q().codelDrops()).isPositive();
        assertThat(o.q().dropOverlimit()).isZero();
        // RFC 8290 section 4.1: the sparse flow's packets wait at most for the packet on the wire.
        assertThat(pct(o.sparseSojourn(), 0.5)).isLessThan(MS + 300_000);
        assertThat(o.sparseSojourn()[o.sparseSojourn().length - 1]).isLessThan(3 * MS);
    }

    @Test
    void withoutAqmTheSameFlowFillsTheFifoAndEveryoneWaits() {
        Overload o = overload("pfifo limit 1000", 0);
        long[] bulk = o.bulk().sojourns(5 * SEC, 29 * SEC);
        assertThat(pct(bulk, 0.5)).isGreaterThan(300 * MS);
        assertThat(pct(o.sparseSojourn(), 0.5)).isGreaterThan(300 * MS);
    }

    @Test
    void ectPacketsAreMarkedCeInsteadOfDroppedWithTheIpv4ChecksumFixed() {
        Overload o = overload("fq_codel", 0x02);   // ECT(0)
        assertThat(o.q().ecnMark()).isPositive();
        assertThat(o.q().codelDrops()).isZero();
        assertThat(o.q().drops).isZero();
        assertThat(o.bulk().ceMarks).isEqualTo((int) o.q().ecnMark());
        assertThat(pct(o.bulk().sojourns(5 * SEC, 29 * SEC), 0.5)).isBetween(1 * MS, 8 * MS);
        int ce = 0;
        for (TestDevice.Sent s : o.dev().sent) {
            byte[] b = s.bytes();
            if (s.len() == 1514 && (b[15] & 3) == 3) {
                ce++;
                assertThat(Checksum.verifies(b, 14, 20)).as("IPv4 header checksum after CE marking").isTrue();
            }
        }
        assertThat(ce).isEqualTo((int) o.q().ecnMark());
    }

    @Test
    void ipv6EctPacketsAreMarkedInTheTrafficClass() {
        TestDevice dev = host.device("eth0", 1, 0);
        SkBuff s = host.udp6(1, 2, 1000, 80, 200, 0x01);   // ECT(1)
        SkBuff clone = s.clone();   // a tap holds a clone: marking must not change its bytes
        assertThat(InetEcn.setCe(s)).isTrue();
        int tclass = (Bytes.i32(s.buf(), s.networkHeader()) >>> 20) & 0xff;
        assertThat(tclass & 3).isEqualTo(3);
        assertThat((Bytes.i32(clone.buf(), clone.networkHeader()) >>> 20) & 3).isEqualTo(1);
        SkBuff notEct = host.udp6(1, 2, 1000, 80, 200, 0);
        assertThat(InetEcn.setCe(notEct)).isFalse();
        s.free();
        clone.free();
        notEct.free();
        assertThat(dev).isNotNull();
    }
}
