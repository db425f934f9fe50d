package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weir.core.Args;
import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * netem's impairments, each measured over many packets from a fixed seed: the counts must be
 * what the probabilities predict (within a few standard deviations) and the same from run to run.
 */
class NetemTest {
    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;
    private static final int N = 20_000;

    /** One run: {@code n} 1000-byte packets, one every ms, through netem with {@code options}. */
    record Run(TestDevice dev, Netem q, long[] enqueuedAt, List<TestDevice.Sent> sent, byte[][] original) {
        long delivered() {
            return sent.size();
        }
    }

    static Run run(long seed, String options, int n, boolean keepBytes) {
        TestHost host = new TestHost(seed);
        TestDevice dev = host.device("eth0", 1, 0);
        if (keepBytes) {
            dev.keepBytes();
        }
        new Tc(host.ns).run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: netem " + options)),
                new PrintWriter(new StringWriter()));
        Netem q = (Netem) dev.txQueue(0).qdisc();
        long[] enq = new long[n];
        byte[][] original = keepBytes ? new byte[n][] : null;
        for (int i = 0; i < n; i++) {
            host.sim.scheduler().runUntil(i * MS);
            SkBuff s = host.udp4(TestHost.ip(10, 0, 0, 1), TestHost.ip(10, 0, 0, 2), 1000, 80, 1000, 0x02);
            s.setMark(i);
            if (keepBytes) {
                original[i] = s.toByteArray();
            }
            enq[i] = i * MS;
            host.xmit(dev, s);
        }
        host.sim.scheduler().runUntil(n * MS + 10 * SEC);
        q.reset();
        host.pool.assertNoLeaks();
        return new Run(dev, q, enq, dev.sent, original);
    }

    private static void assertWithinSigmas(long count, int n, double p, double sigmas) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertThat((double) count).as("count %d of %d at p=%f", count, n, p).isCloseTo(n * p, within(sigmas * sd + 1));
    }

    @Test
    void aFixedDelayDelaysEveryPacketByExactlyThat() {
        Run r = run(1, "delay 100ms", 1000, false);
        assertThat(r.sent()).hasSize(1000);
        for (TestDevice.Sent s : r.sent()) {
            assertThat(s.time() - r.enqueuedAt()[(int) s.tag()]).isEqualTo(100 * MS);
        }
        assertThat(r.q().describeParameters()).isEqualTo("limit 1000 delay 100ms");
    }

    @Test
    void uniformJitterStaysInItsRangeAndReordersAsLinuxsNetemDoes() {
        Run r = run(2, "delay 100ms 10ms", N, false);
        double sum = 0;
        int reordered = 0;
        long prevTag = -1;
        for (TestDevice.Sent s : r.sent()) {
            long d = s.time() - r.enqueuedAt()[(int) s.tag()];
            assertThat(d).isBetween(90 * MS, 110 * MS - 1);
            sum += d;
            if (s.tag() < prevTag) {
                reordered++;
            }
            prevTag = Math.max(prevTag, s.tag());
        }
        assertThat(sum / N).isCloseTo(100.0 * MS, within(0.2 * MS));   // sd of the mean: 5.8ms / sqrt(N)
        assertThat(reordered).isPositive();   // jitter larger than the packet spacing reorders
        assertThat(r.q().describeParameters()).isEqualTo("limit 1000 delay 100ms  10ms");
    }

    @Test
    void normalJitterHasTheConfiguredDeviation() {
        Run r = run(3, "delay 50ms 5ms distribution normal", N, false);
        double sum = 0;
        double sq = 0;
        for (TestDevice.Sent s : r.sent()) {
            double d = s.time() - r.enqueuedAt()[(int) s.tag()];
            sum += d;
            sq += d * d;
        }
        double mean = sum / N;
        double sd = Math.sqrt(sq / N - mean * mean);
        assertThat(mean).isCloseTo(50.0 * MS, within(0.15 * MS));
        assertThat(sd).isCloseTo(5.0 * MS, within(0.25 * MS));
    }

    @Test
    void randomLossDropsTheConfiguredFractionTheSameWayEveryRunForASeed() {
        Run a = run(4, "loss 10%", N, false);
        long lost = N - a.delivered();
        assertWithinSigmas(lost, N, 0.10, 4);
        assertThat(a.q().drops).isEqualTo(lost);
        Run b = run(4, "loss 10%", N, false);
        assertThat(b.sent().stream().map(TestDevice.Sent::tag).toList())
                .isEqualTo(a.sent().stream().map(TestDevice.Sent::tag).toList());
        Run c = run(5, "loss 10%", N, false);
        assertThat(c.sent().stream().map(TestDevice.Sent::tag).toList())
                .isNotEqualTo(a.sent().stream().map(TestDevice.Sent::tag).toList());
        assertThat(a.q().describeParameters()).isEqualTo("limit 1000 loss 10%");
    }

    @Test
    void gilbertElliottLossComesInBurstsAtItsStationaryRate() {
        // p = 1% good->bad, r = 10% bad->good, 1-h = 100% loss in bad, 1-k = 0% in good:
        // bad a fraction p/(p+r) = 9.1% of the time, in bursts of 1/r = 10 packets on average.
        Run r = run(6, "loss gemodel 1% 10%", 2 * N, false);
        long lost = 2 * N - r.delivered();
        assertThat(lost / (2.0 * N)).isCloseTo(0.01 / 0.11, within(0.02));
        List<Integer> bursts = new ArrayList<>();
        long expected = 0;
        for (TestDevice.Sent s : r.sent()) {
            if (s.tag() > expected) {
                bursts.add((int) (s.tag() - expected));
            }
            expected = s.tag() + 1;
        }
        double meanBurst = bursts.stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(meanBurst).isCloseTo(10.0, within(2.0));
        assertThat(r.q().describeParameters()).isEqualTo("limit 1000 loss gemodel p 1% r 10% 1-h 100% 1-k 0%");
    }

    @Test
    void duplicatesAreExtraCopiesOfTheSamePacket() {
        Run r = run(7, "duplicate 5%", N, true);
        long extra = r.delivered() - N;
        assertWithinSigmas(extra, N, 0.05, 4);
        long[] seen = new long[N];
        for (TestDevice.Sent s : r.sent()) {
            seen[(int) s.tag()]++;
            assertThat(s.bytes()).isEqualTo(r.original()[(int) s.tag()]);
        }
        assertThat(java.util.Arrays.stream(seen).filter(c -> c == 2).count()).isEqualTo(extra);
        assertThat(java.util.Arrays.stream(seen).max().getAsLong()).isEqualTo(2);   // a duplicate is never duplicated again
    }

    @Test
    void reorderSendsSomePacketsAtOnceAndCountsThemAsRequeues() {
        // gap 5: after 4 delayed packets, each packet has a 25% chance to go at once.
        Run r = run(8, "delay 10ms reorder 25% gap 5", N, false);
        long immediate = r.sent().stream().filter(s -> s.time() == r.enqueuedAt()[(int) s.tag()]).count();
        assertThat(r.q().requeues).isEqualTo(immediate);
        // A run of 4 delayed packets, then geometric(25%) more: 4 + 3 = 7 delayed per immediate one.
        assertThat((double) immediate / N).isCloseTo(1.0 / 8, within(0.01));
        assertThat(r.sent().stream().filter(s -> s.time() != r.enqueuedAt()[(int) s.tag()])
                .allMatch(s -> s.time() - r.enqueuedAt()[(int) s.tag()] == 10 * MS)).isTrue();
        assertThat(r.q().describeParameters()).isEqualTo("limit 1000 delay 10ms reorder 25% gap 5");
    }

    @Test
    void corruptionFlipsExactlyOneBit() {
        Run r = run(9, "corrupt 2%", N, true);
        int corrupted = 0;
        for (TestDevice.Sent s : r.sent()) {
            byte[] a = r.original()[(int) s.tag()];
            int bits = 0;
            for (int i = 0; i < a.length; i++) {
                bits += Integer.bitCount((a[i] ^ s.bytes()[i]) & 0xff);
            }
            assertThat(bits).isLessThanOrEqualTo(1);
            corrupted += bits;
        }
        assertWithinSigmas(corrupted, N, 0.02, 4);
    }

    @Test
    void rateSpacesPacketsByTheirTransmissionTime() {
        Run r = run(10, "rate 1mbit", 200, false);
        // 1000-byte packets offered every 1 ms into 1 Mbit/s: each takes 8 ms, so they queue.
        for (int i = 1; i < r.sent().size(); i++) {
            assertThat(r.sent().get(i).time() - r.sent().get(i - 1).time()).isEqualTo(8 * MS);
        }
        assertThat(r.q().describeParameters()).isEqualTo("limit 1000 rate 1Mbit");
    }

    @Test
    void theLimitDropsWhatDoesNotFit() {
        Run r = run(11, "delay 1s limit 100", 300, false);
        assertThat(r.delivered()).isEqualTo(100);
        assertThat(r.q().drops).isEqualTo(200);
    }

    @Test
    void ecnMarksInsteadOfLosingAndCountsTheMarksAsDrops() {
        Run r = run(12, "loss 10% ecn", N, true);
        assertThat(r.delivered()).isEqualTo(N);
        long marked = r.sent().stream().filter(s -> (s.bytes()[15] & 3) == 3).count();
        assertWithinSigmas(marked, N, 0.10, 4);
        assertThat(r.q().drops).isEqualTo(marked);
        assertThat(r.q().describeParameters()).isEqualTo("limit 1000 loss 10% ecn ");
    }

    @Test
    void eachNetemDrawsFromItsOwnStreamNamedByDeviceAndHandle() {
        TestHost host = new TestHost(13);
        TestDevice a = host.device("eth0", 1, 0);
        TestDevice b = host.device("eth1", 1, 0);
        Tc tc = new Tc(host.ns);
        tc.run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: netem loss 50%")), new PrintWriter(new StringWriter()));
        tc.run(new Args("tc", Args.split("qdisc replace dev eth1 root handle 1: netem loss 50%")), new PrintWriter(new StringWriter()));
        for (int i = 0; i < 200; i++) {
            for (TestDevice d : List.of(a, b)) {
                SkBuff s = host.udp4(1, 2, 3, 4, 100, 0);
                s.setMark(i);
                host.xmit(d, s);
            }
        }
        assertThat(a.sent.stream().map(TestDevice.Sent::tag).toList()).isNotEqualTo(b.sent.stream().map(TestDevice.Sent::tag).toList());
        Qdisc qa = a.txQueue(0).qdisc();
        assertThat(qa.drops + a.sent.size()).isEqualTo(200);
        host.pool.assertNoLeaks();
    }
}
