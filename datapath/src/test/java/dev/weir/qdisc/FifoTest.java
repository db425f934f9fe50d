package dev.weir.qdisc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.Args;
import dev.weir.core.DropReason;
import dev.weir.core.Qdisc;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FifoTest {
    private final TestHost host = new TestHost(7);

    @AfterEach
    void nothingLeaked() {
        host.pool.assertNoLeaks();
    }

    private SkBuff pkt(int len, int priority, int tag) {
        SkBuff s = host.udp4(TestHost.ip(10, 0, 0, 1), TestHost.ip(10, 0, 0, 2), 1000 + tag, 80, len, 0);
        s.setPriority(priority);
        s.setMark(tag);
        return s;
    }

    private static List<Integer> drainTags(Qdisc q) {
        List<Integer> tags = new ArrayList<>();
        SkBuff s;
        while ((s = q.dequeue()) != null) {
            tags.add(s.mark());
            s.consume();
        }
        return tags;
    }

    @Test
    void pfifoFastServesBandZeroFirstThroughTheDefaultPriomap() {
        TestDevice dev = host.device("eth0", 1, 0);
        Qdisc q = dev.txQueue(0).qdisc();
        assertThat(q).isInstanceOf(PfifoFast.class);
        // priority -> band: 0->1, 2->2, 6->0 (TC_PRIO_INTERACTIVE), 7->0 (TC_PRIO_CONTROL), 1->2, 4->1, 22->1 (22 & 15 = 6 -> 0)
        int[] prios = {0, 2, 6, 7, 1, 4, 22};
        for (int i = 0; i < prios.length; i++) {
            assertThat(q.enqueue(pkt(100, prios[i], i))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        }
        assertThat(q.peek().mark()).isEqualTo(2);
        assertThat(drainTags(q)).containsExactly(2, 3, 6, 0, 5, 1, 4);
        assertThat(q.packets).isEqualTo(7);
        assertThat(q.bytes).isEqualTo(700);
        assertThat(q.qlen).isZero();
        assertThat(q.backlog).isZero();
    }

    @Test
    void pfifoFastBandsHoldTxqueuelenPacketsEachAndCountDrops() {
        TestDevice dev = new TestDevice(host.ns, "eth0", 1, 0, false);
        dev.setTxQueueLen(3);
        host.ns.register(dev);
        Qdisc q = Qdiscs.createDefault(dev);
        for (int i = 0; i < 4; i++) {
            assertThat(q.enqueue(pkt(100, 0, i))).isEqualTo(i < 3 ? Qdisc.NET_XMIT_SUCCESS : Qdisc.NET_XMIT_DROP);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(q.enqueue(pkt(100, 2, 10 + i))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        }
        assertThat(q.drops).isEqualTo(1);
        assertThat(q.qlen).isEqualTo(6);
        assertThat(q.backlog).isEqualTo(600);
        assertThat(host.ns.counters().drops(DropReason.QDISC_DROP)).isEqualTo(1);
        q.reset();
        assertThat(q.qlen).isZero();
        assertThat(host.ns.counters().drops(DropReason.QUEUE_PURGE)).isEqualTo(6);
    }

    @Test
    void pfifoLimitsPacketsAndBfifoLimitsBytesWithTheBoundaryInclusive() {
        TestDevice dev = host.device("eth0", 1, 0);
        Fifo p = new Fifo("pfifo", dev, 2L);
        assertThat(p.enqueue(pkt(100, 0, 0))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        assertThat(p.enqueue(pkt(100, 0, 1))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        assertThat(p.enqueue(pkt(100, 0, 2))).isEqualTo(Qdisc.NET_XMIT_DROP);
        assertThat(p.peek().mark()).isZero();
        assertThat(drainTags(p)).containsExactly(0, 1);
        assertThat(p.drops).isEqualTo(1);

        Fifo b = new Fifo("bfifo", dev, 300L);
        assertThat(b.enqueue(pkt(100, 0, 0))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        assertThat(b.enqueue(pkt(200, 0, 1))).isEqualTo(Qdisc.NET_XMIT_SUCCESS);   // 300 <= 300
        assertThat(b.enqueue(pkt(60, 0, 2))).isEqualTo(Qdisc.NET_XMIT_DROP);
        assertThat(b.backlog).isEqualTo(300);
        b.destroy();
        assertThat(b.qlen).isZero();
    }

    @Test
    void fifoDefaultsComeFromTheDevice() {
        TestDevice dev = host.device("eth0", 1, 0);
        assertThat(Fifo.pfifo(dev).limit()).isEqualTo(1000);
        assertThat(Fifo.bfifo(dev).limit()).isEqualTo(1000L * 1514);   // txqueuelen * (mtu + ETH_HLEN)
        assertThat(Fifo.pfifo(dev).describeParameters()).isEqualTo("limit 1000p");
        assertThat(Fifo.bfifo(dev).describeParameters()).isEqualTo("limit 1514000b");
    }

    @Test
    void tcShowsTheStatisticsOfTrafficThatWentThrough() {
        TestDevice dev = host.device("eth0", 1, 0);
        Tc tc = new Tc(host.ns);
        tc.run(new Args("tc", Args.split("qdisc replace dev eth0 root handle 1: pfifo limit 2")), new PrintWriter(new StringWriter()));
        Qdisc q = dev.txQueue(0).qdisc();
        dev.txQueue(0).stop();   // the driver's ring is full: packets wait in the qdisc
        for (int i = 0; i < 3; i++) {
            host.xmit(dev, pkt(100, 0, i));
        }
        dev.txQueue(0).wake();
        host.sim.scheduler().run();
        dev.txQueue(0).stop();
        host.xmit(dev, pkt(1500, 0, 9));
        StringWriter out = new StringWriter();
        tc.run(new Args("tc", Args.split("-s qdisc show dev eth0")), new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("""
                qdisc pfifo 1: root refcnt 2 limit 2p
                 Sent 200 bytes 2 pkt (dropped 1, overlimits 0 requeues 0)\s
                 backlog 1500b 1p requeues 0
                """);
        assertThat(dev.sent).hasSize(2);
        q.reset();
    }
}
