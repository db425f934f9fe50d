package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weir.core.Args;
import dev.weir.core.Qdisc;
import dev.weir.sim.Timer;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TbfTest {
    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;

    private final TestHost host = new TestHost(3);
    private final TestDevice dev = host.device("eth0", 1, 0);
    private int tag;

    @AfterEach
    void nothingLeaked() {
        dev.txQueue(0).qdisc().reset();
        host.pool.assertNoLeaks();
    }

    private Tbf install(String options) {
        new Tc(host.ns).run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: tbf " + options)),
                new PrintWriter(new StringWriter()));
        return (Tbf) dev.txQueue(0).qdisc();
    }

    private SkBuff pkt(int len) {
        SkBuff s = host.udp4(TestHost.ip(10, 0, 0, 1), TestHost.ip(10, 0, 0, 2), 1000, 80, len, 0);
        s.setMark(tag++);
        return s;
    }

    /** Offers {@code bitsPerSecond} of {@code len}-byte packets from now until {@code until}. */
    private void offer(long bitsPerSecond, int len, long until) {
        long gap = len * 8L * SEC / bitsPerSecond;
        Timer[] t = new Timer[1];
        t[0] = host.sim.scheduler().newTimer("source", () -> {
            host.xmit(dev, pkt(len));
            if (host.sim.now() + gap < until) {
                t[0].scheduleIn(gap);
            }
        });
        t[0].scheduleIn(0);
    }

    private long bytesSentBetween(long from, long to) {
        long sum = 0;
        for (TestDevice.Sent s : dev.sent) {
            if (s.time() >= from && s.time() < to) {
                sum += s.len();
            }
        }
        return sum;
    }

    @Test
    void longRunRateIsWithinOnePercentOfTheConfiguredRate() {
        Tbf q = install("rate 10mbit burst 10k limit 100k");
        offer(15_000_000, 1000, 20 * SEC);   // 150% of the rate, for 20 s
        host.sim.scheduler().runUntil(20 * SEC);
        double rate = bytesSentBetween(2 * SEC, 20 * SEC) * 8.0 / 18;
        assertThat(rate).isCloseTo(10_000_000, within(100_000.0));
        assertThat(q.overlimits).isPositive();
        assertThat(q.drops).isPositive();   // the 100k bfifo overflows at 150% load
        assertThat(q.qlen).isPositive();
    }

    @Test
    void aFullBucketLetsABurstThroughAtOnceThenPacketsWaitForTokens() {
        Tbf q = install("rate 1mbit burst 10k latency 1s");
        host.sim.scheduler().runUntil(SEC);   // idle: the bucket is full
        for (int i = 0; i < 12; i++) {
            host.xmit(dev, pkt(1000));
        }
        // 10 x 1000 bytes fit the 10240-byte bucket and leave at once; the 11th needs 1000 bytes
        // of tokens, of which 240 are left: (1000 - 240) bytes at 125000 B/s = 6.08 ms.
        assertThat(dev.sent).hasSize(10);
        assertThat(dev.sent).allSatisfy(s -> assertThat(s.time()).isEqualTo(SEC));
        assertThat(q.watchdogDeadline()).isEqualTo(SEC + 6_080_000);
        host.sim.scheduler().runUntil(2 * SEC);
        assertThat(dev.sent).hasSize(12);
        assertThat(dev.sent.get(10).time()).isEqualTo(SEC + 6_080_000);
        assertThat(dev.sent.get(11).time() - dev.sent.get(10).time()).isEqualTo(8 * MS);   // 1000 B at 1 Mbit/s
        // One overlimit per dequeue that found too few tokens: at the 11th and 12th enqueue, and
        // for the 12th once more when the watchdog ran the queue for the 11th.
        assertThat(q.overlimits).isEqualTo(3);
        assertThat(q.packets).isEqualTo(12);
    }

    @Test
    void peakrateSpacesBackToBackPacketsEvenWithTokensInTheBucket() {
        install("rate 1mbit burst 20k latency 1s peakrate 2mbit mtu 1514");
        host.sim.scheduler().runUntil(SEC);
        for (int i = 0; i < 5; i++) {
            host.xmit(dev, pkt(1000));
        }
        host.sim.scheduler().runUntil(2 * SEC);
        assertThat(dev.sent).hasSize(5);
        // The peak bucket holds one 1514-byte packet's time: after the first, 1000 bytes at
        // 2 Mbit/s (4 ms) apart, less what is left of the 1514 bytes of tokens at first.
        for (int i = 2; i < 5; i++) {
            assertThat(dev.sent.get(i).time() - dev.sent.get(i - 1).time()).isEqualTo(4 * MS);
        }
    }

    @Test
    void aPacketLargerThanTheBucketIsDroppedAtEnqueue() {
        Tbf q = install("rate 1mbit burst 1000 limit 10k");
        assertThat(q.maxSize()).isEqualTo(1000);
        assertThat(q.enqueue(pkt(1001))).isEqualTo(Qdisc.NET_XMIT_DROP);
        assertThat(q.drops).isEqualTo(1);
        assertThat(q.enqueue(pkt(1000))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
    }

    @Test
    void theInnerBfifoLimitsTheQueueInBytes() {
        Tbf q = install("rate 1mbit burst 1500 limit 3000");
        dev.txQueue(0).stop();
        int ok = 0;
        for (int i = 0; i < 5; i++) {
            ok += host.xmit(dev, pkt(1000)) == Qdisc.NET_XMIT_SUCCESS ? 1 : 0;
        }
        assertThat(ok).isEqualTo(3);
        assertThat(q.qlen).isEqualTo(3);
        assertThat(q.backlog).isEqualTo(3000);
        assertThat(q.drops).isEqualTo(2);
        assertThat(q.children().get(0).drops).isEqualTo(2);   // Linux counts the drop in both
    }

    @Test
    void anFqCodelGraftedUnderTbfShapesFlowsFairly() {
        install("rate 2mbit burst 5k latency 50ms");
        new Tc(host.ns).run(new Args("tc", Args.split("qdisc add dev eth0 parent 1:1 handle 10: fq_codel")),
                new PrintWriter(new StringWriter()));
        Tbf q = (Tbf) dev.txQueue(0).qdisc();
        assertThat(q.children().get(0)).isInstanceOf(FqCodel.class);
        offer(1_500_000, 1000, 5 * SEC);
        offer(1_500_000, 1000, 5 * SEC);
        host.sim.scheduler().runUntil(6 * SEC);
        assertThat(bytesSentBetween(SEC, 5 * SEC) * 8.0 / 4).isCloseTo(2_000_000, within(40_000.0));
    }
}
