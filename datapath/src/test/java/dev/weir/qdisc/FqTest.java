package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weir.core.Args;
import dev.weir.core.PacedSender;
import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FqTest {
    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;

    /** A socket with a pacing rate, as TCP will be. */
    private static final class Sock implements PacedSender {
        long rate;

        Sock(long rate) {
            this.rate = rate;
        }

        @Override
        public long pacingRate() {
            return rate;
        }
    }

    private final TestHost host = new TestHost(5);
    private TestDevice dev;
    private int tag;

    @AfterEach
    void nothingLeaked() {
        dev.close();
        host.pool.assertNoLeaks();
    }

    private Fq install(long bitsPerSecond, String options) {
        dev = host.device("eth0", 1, bitsPerSecond);
        new Tc(host.ns).run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: fq " + options)),
                new PrintWriter(new StringWriter()));
        return (Fq) dev.txQueue(0).qdisc();
    }

    private SkBuff pkt(Object sk, int sport, int len) {
        SkBuff s = host.udp4(TestHost.ip(10, 0, 0, 1), TestHost.ip(10, 0, 0, 2), sport, 80, len, 0);
        s.setSk(sk);
        s.setMark(sport);
        return s;
    }

    /** Keeps {@code depth} packets of the socket's flow queued: one more for each the driver takes. */
    private void keepBusy(Object sk, int sport, int len, int depth) {
        var prev = dev.onXmit;
        dev.onXmit = s -> {
            prev.accept(s);
            if (s.mark() == sport) {
                host.sim.scheduler().schedule(0, () -> host.xmit(dev, pkt(sk, sport, len)));
            }
        };
        for (int i = 0; i < depth; i++) {
            host.xmit(dev, pkt(sk, sport, len));
        }
    }

    private List<TestDevice.Sent> sentBy(int sport) {
        return dev.sent.stream().filter(s -> s.tag() == sport).toList();
    }

    @Test
    void defaultsShowAsTc61PrintsThem() {
        Fq q = install(0, "");
        assertThat(q.quantum()).isEqualTo(3028);          // 2 * (MTU + 14)
        assertThat(q.initialQuantum()).isEqualTo(15140);  // 10 * (MTU + 14)
        assertThat(q.describeParameters()).isEqualTo("limit 10000p flow_limit 100p buckets 1024 orphan_mask 1023 "
                + "quantum 3028b initial_quantum 15140b low_rate_threshold 550Kbit refill_delay 40ms timer_slack 10us "
                + "horizon 10s horizon_drop ");
        assertThat(q.describeExtraStats()).isEqualTo("  flows 0 (inactive 0 throttled 0)\n  gc 0 highprio 0 throttled 0");
    }

    @Test
    void aPacedFlowLeavesInQuantumSizedBurstsSpacedAtItsRate() {
        Fq q = install(0, "");
        Sock sk = new Sock(1_000_000);   // 8 Mbit/s
        keepBusy(sk, 1111, 1514, 60);
        host.sim.scheduler().runUntil(6 * SEC);
        List<TestDevice.Sent> sent = sentBy(1111);
        // initial_quantum (10 packets) at once, then 2 packets (one 3028-byte quantum) every
        // 3028 / 1e6 s = 3.028 ms: the quantum's bytes at the pacing rate.
        for (int i = 0; i < 10; i++) {
            assertThat(sent.get(i).time()).isZero();
        }
        for (int i = 10; i < 400; i += 2) {
            assertThat(sent.get(i).time() - sent.get(i - 2).time()).isEqualTo(3_028_000);
            assertThat(sent.get(i + 1).time()).isEqualTo(sent.get(i).time());
        }
        long bytes = sent.stream().filter(s -> s.time() >= SEC && s.time() < 6 * SEC).mapToLong(TestDevice.Sent::len).sum();
        assertThat(bytes / 5.0).isCloseTo(1_000_000, within(10_000.0));
        assertThat(q.statThrottled()).isPositive();
        assertThat(q.flows()).isEqualTo(1);
    }

    @Test
    void belowTheLowRateThresholdEveryPacketIsPacedAlone() {
        install(0, "");
        Sock sk = new Sock(40_000);   // 320 kbit/s < 550 kbit/s
        keepBusy(sk, 2222, 1514, 20);
        host.sim.scheduler().runUntil(3 * SEC);
        List<TestDevice.Sent> sent = sentBy(2222);
        for (int i = 1; i < 50; i++) {
            assertThat(sent.get(i).time() - sent.get(i - 1).time()).isEqualTo(1514L * SEC / 40_000);
        }
    }

    @Test
    void maxrateCapsFlowsWithoutASocketToo() {
        install(0, "maxrate 4mbit");
        keepBusy(null, 3333, 1000, 50);
        host.sim.scheduler().runUntil(5 * SEC);
        long bytes = sentBy(3333).stream().filter(s -> s.time() >= SEC).mapToLong(TestDevice.Sent::len).sum();
        assertThat(bytes * 8 / 4.0).isCloseTo(4_000_000, within(40_000.0));
    }

    @Test
    void unpacedFlowsShareALinkEquallyByDeficitRoundRobin() {
        Fq q = install(10_000_000, "");
        keepBusy(new Sock(0), 4000, 1514, 50);
        keepBusy(new Sock(0), 4001, 300, 50);
        host.sim.scheduler().runUntil(5 * SEC);
        long a = sentBy(4000).stream().filter(s -> s.time() >= SEC).mapToLong(TestDevice.Sent::len).sum();
        long b = sentBy(4001).stream().filter(s -> s.time() >= SEC).mapToLong(TestDevice.Sent::len).sum();
        assertThat((double) a / b).isCloseTo(1.0, within(0.01));
        assertThat(q.flows()).isEqualTo(2);
    }

    @Test
    void aFlowHoldsAtMostFlowLimitPackets() {
        Fq q = install(0, "flow_limit 3");
        dev.txQueue(0).stop();
        Sock sk = new Sock(0);
        int[] rc = new int[4];
        for (int i = 0; i < 4; i++) {
            rc[i] = host.xmit(dev, pkt(sk, 5000, 100));
        }
        assertThat(rc).containsExactly(Qdisc.NET_XMIT_SUCCESS, Qdisc.NET_XMIT_SUCCESS, Qdisc.NET_XMIT_SUCCESS, Qdisc.NET_XMIT_DROP);
        assertThat(q.statFlowsPlimit()).isEqualTo(1);
        assertThat(q.drops).isEqualTo(1);
        assertThat(host.xmit(dev, pkt(new Sock(0), 5001, 100))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        assertThat(q.describeExtraStats()).contains(" flows_plimit 1");
    }

    @Test
    void departureTimesBeyondTheHorizonAreDroppedOrCapped() {
        Fq q = install(0, "");
        SkBuff far = pkt(null, 6000, 100);
        far.setTstamp(11 * SEC);
        assertThat(host.xmit(dev, far)).isEqualTo(Qdisc.NET_XMIT_DROP);
        assertThat(q.statHorizonDrops()).isEqualTo(1);
        SkBuff soon = pkt(null, 6000, 100);
        soon.setTstamp(2 * SEC);   // EDT within the horizon: held until then
        host.xmit(dev, soon);
        host.sim.scheduler().runUntil(3 * SEC);
        assertThat(sentBy(6000)).singleElement().satisfies(s -> assertThat(s.time()).isEqualTo(2 * SEC));

        new Tc(host.ns).run(new Args("tc", Args.split("qdisc change dev eth0 root fq horizon 1s horizon_cap")),
                new PrintWriter(new StringWriter()));
        SkBuff capped = pkt(null, 6001, 100);
        capped.setTstamp(host.sim.now() + 5 * SEC);
        host.xmit(dev, capped);
        host.sim.scheduler().runUntil(10 * SEC);
        assertThat(sentBy(6001)).singleElement().satisfies(s -> assertThat(s.time()).isEqualTo(4 * SEC));
        assertThat(q.statHorizonCaps()).isEqualTo(1);
        assertThat(q.describeParameters()).contains("horizon 1s horizon_cap ");
    }

    @Test
    void controlPriorityPacketsSkipAheadOfThrottledFlows() {
        install(0, "");
        Sock sk = new Sock(40_000);
        keepBusy(sk, 7000, 1514, 5);
        host.sim.scheduler().runUntil(100 * MS);
        SkBuff ctl = pkt(null, 7001, 60);
        ctl.setPriority(7);   // TC_PRIO_CONTROL
        host.xmit(dev, ctl);
        assertThat(sentBy(7001)).singleElement().satisfies(s -> assertThat(s.time()).isEqualTo(100 * MS));
    }

    @Test
    void idleFlowsAreForgottenAfterThreeSeconds() {
        Fq q = install(10_000_000, "");
        for (int i = 0; i < 5; i++) {
            host.xmit(dev, pkt(new Sock(0), 8000 + i, 100));
        }
        // A busy flow keeps dequeue passes going; they find the five empty and detach them.
        keepBusy(new Sock(0), 9000, 1000, 5);
        host.sim.scheduler().runUntil(SEC);
        assertThat(q.flows()).isEqualTo(6);
        assertThat(q.inactiveFlows()).isEqualTo(5);
        host.sim.scheduler().runUntil(5 * SEC);   // classification collects those idle for 3 s
        assertThat(q.statGcFlows()).isEqualTo(5);
        assertThat(q.flows()).isEqualTo(1);
        assertThat(q.describeExtraStats()).startsWith("  flows 1 (inactive ").contains("  gc 5 highprio 0 ");
    }
}
