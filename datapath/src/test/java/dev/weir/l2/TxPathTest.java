package dev.weir.l2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.core.DropReason;
import dev.weir.core.Features;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.core.Qdisc;
import dev.weir.qdisc.Fifo;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestNic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** dev_queue_xmit, the qdisc run loop and validate_xmit_skb (Linux's net/core/dev.c, sch_generic.c). */
class TxPathTest {
    static final long MAC_A = 0x02_00_00_00_00_01L;
    static final long MAC_B = 0x02_00_00_00_00_02L;

    final Simulation sim = new Simulation(3);
    final NetNs net = new NetNs("a", sim.scheduler(), sim.rootRandom(), 1);
    final L2 l2 = L2.install(net);
    /** noqueue unless a test installs a qdisc on its queue. */
    final TestNic eth0 = new TestNic(net, "eth0", MAC_A).noQueue();

    @AfterEach
    void noLeaks() {
        for (int i = 0; i < eth0.numTxQueues(); i++) {
            if (eth0.txQueue(i).qdisc() != null) {
                eth0.txQueue(i).qdisc().reset();
            }
        }
        net.pool().assertNoLeaks();
    }

    /** A frame as the neighbour layer hands it down: Ethernet header built, sequence number in the payload. */
    SkBuff frame(int seq) {
        byte[] ip = Frames.ipv4("10.0.0.1", "10.0.0.2", 64, 8);
        ip[20] = (byte) seq;
        SkBuff skb = Frames.ipSkb(net.pool(), ip);
        Eth.hardHeader(skb, eth0, EtherType.IPV4, MAC_B);
        return skb;
    }

    static int seqOf(byte[] frame) {
        return frame[14 + 20] & 0xff;
    }

    @Test
    void aDeviceWithoutQdiscSendsAtOnceAndTapsSeeTheFrameOutgoing() {
        eth0.up();
        List<String> tapped = new ArrayList<>();
        l2.addTap((dev, skb, out) -> tapped.add(dev.name() + (out ? " out " : " in ") + seqOf(skb.toByteArray())));
        assertThat(l2.devQueueXmit(frame(1), eth0)).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        assertThat(eth0.sent).hasSize(1);
        assertThat(Frames.dst(eth0.sent.get(0))).isEqualTo(MAC_B);
        assertThat(tapped).containsExactly("eth0 out 1");
        assertThat(net.takePendingCost()).isEqualTo(net.costs().xmit);
    }

    @Test
    void aDownDeviceDropsWithDevReady() {
        net.register(eth0);
        assertThat(l2.devQueueXmit(frame(1), eth0)).isEqualTo(Qdisc.NET_XMIT_DROP);
        assertThat(eth0.sent).isEmpty();
        assertThat(eth0.stats.txDropped).isEqualTo(1);
        assertThat(net.counters().drops(DropReason.DEV_READY)).isEqualTo(1);
    }

    @Test
    void aNoqueueDeviceWhoseDriverIsBusyDropsWhatItCannotHold() {
        eth0.setRing(1).up();
        l2.devQueueXmit(frame(1), eth0);
        assertThat(l2.devQueueXmit(frame(2), eth0)).isEqualTo(Qdisc.NET_XMIT_DROP);
        assertThat(net.counters().drops(DropReason.FULL_RING)).isEqualTo(1);
        assertThat(eth0.stats.txDropped).isEqualTo(1);
    }

    @Test
    void tapsSeePacketsWhenTheQdiscReleasesThemNotWhenQueued() {
        eth0.up();
        Fifo fifo = Fifo.pfifo(eth0);
        eth0.txQueue(0).setQdisc(fifo);
        List<Integer> tapped = new ArrayList<>();
        l2.addTap(eth0, (dev, skb, out) -> tapped.add(seqOf(skb.toByteArray())));
        eth0.txQueue(0).stop();
        for (int i = 1; i <= 3; i++) {
            assertThat(l2.devQueueXmit(frame(i), eth0)).isEqualTo(Qdisc.NET_XMIT_SUCCESS);
        }
        assertThat(tapped).isEmpty();
        assertThat(fifo.qlen).isEqualTo(3);
        eth0.completeTx(0); // the driver wakes the queue: the NET_TX event sends
        assertThat(tapped).isEmpty();
        sim.scheduler().run();
        assertThat(tapped).containsExactly(1, 2, 3);
        assertThat(eth0.sent).extracting(TxPathTest::seqOf).containsExactly(1, 2, 3);
        assertThat(fifo.packets).isEqualTo(3);
    }

    @Test
    void aRunSendsAtMostDevWeightTimesTheTxBiasThenYieldsToTheNextNetTxEvent() {
        eth0.up();
        eth0.txQueue(0).setQdisc(Fifo.pfifo(eth0));
        eth0.txQueue(0).stop();
        for (int i = 0; i < 100; i++) {
            l2.devQueueXmit(frame(i), eth0);
        }
        eth0.completeTx(0);
        assertThat(sim.scheduler().step()).isTrue();
        assertThat(eth0.sent).hasSize(64); // Linux's dev_tx_weight: dev_weight 64 x dev_weight_tx_bias 1
        assertThat(sim.scheduler().step()).isTrue();
        assertThat(eth0.sent).hasSize(100);
        net.sysctls().set("net.core.dev_weight_tx_bias", "2");
        net.sysctls().set("net.core.dev_weight", "5");
        eth0.txQueue(0).stop();
        for (int i = 0; i < 25; i++) {
            l2.devQueueXmit(frame(i), eth0);
        }
        eth0.completeTx(0);
        sim.scheduler().step();
        assertThat(eth0.sent).hasSize(110);
    }

    @Test
    void theNetTxEventBillsItsWorkToTheCpuAndStartsWhenTheCpuIsFree() {
        eth0.up();
        eth0.txQueue(0).setQdisc(Fifo.pfifo(eth0));
        eth0.txQueue(0).stop();
        l2.devQueueXmit(frame(1), eth0);
        l2.devQueueXmit(frame(2), eth0);
        net.takePendingCost();
        net.cpu(0).busyUntil = 5_000;
        eth0.completeTx(0);
        assertThat(sim.scheduler().nextEventTime()).isEqualTo(5_000);
        sim.scheduler().run();
        assertThat(net.cpu(0).busyUntil).isEqualTo(5_000 + 2 * net.costs().xmit);
        assertThat(net.cpu(0).softirqNanos).isEqualTo(2 * net.costs().xmit);
    }

    @Test
    void aDriverThatStopsItsQueueWhenItsRingFillsIsNotOfferedMoreUntilItWakesIt() {
        eth0.up();
        Fifo fifo = Fifo.pfifo(eth0);
        NetdevQueue txq = eth0.txQueue(0);
        txq.setQdisc(fifo);
        // Two descriptors: the driver stops the queue as it takes the second packet (netif_stop_queue);
        // nothing is dequeued while it is stopped (TCQ_F_ONETXQUEUE), so nothing is refused.
        eth0.setRing(2);
        txq.stop();
        for (int i = 1; i <= 4; i++) {
            l2.devQueueXmit(frame(i), eth0);
        }
        txq.wake();
        sim.scheduler().run();
        assertThat(eth0.sent).extracting(TxPathTest::seqOf).containsExactly(1, 2);
        assertThat(txq.isStopped()).isTrue();
        assertThat(fifo.qlen).isEqualTo(2);
        eth0.completeTx(2);
        sim.scheduler().run();
        assertThat(eth0.sent).extracting(TxPathTest::seqOf).containsExactly(1, 2, 3, 4);
        assertThat(fifo.requeues).isZero();
    }

    @Test
    void aDriverThatRefusesWithoutStoppingFirstGetsThePacketRequeued() {
        TestNic rude = new TestNic(net, "eth1", MAC_B) {
            int calls;

            @Override
            public int startXmit(SkBuff skb, NetdevQueue txq) {
                if (++calls == 2) {
                    txq.stop();
                    return NETDEV_TX_BUSY; // refused, queue stopped only now
                }
                return super.startXmit(skb, txq);
            }
        }.up();
        Fifo fifo = Fifo.pfifo(rude);
        NetdevQueue txq = rude.txQueue(0);
        txq.setQdisc(fifo);
        txq.stop();
        for (int i = 1; i <= 3; i++) {
            l2.devQueueXmit(frame(i), rude);
        }
        txq.wake();
        sim.scheduler().run();
        assertThat(rude.sent).extracting(TxPathTest::seqOf).containsExactly(1);
        assertThat(fifo.requeues).isEqualTo(1);
        assertThat(fifo.qlen).isEqualTo(2); // the requeued packet counts as queued
        assertThat(txq.requeued.size()).isEqualTo(1);
        txq.wake();
        sim.scheduler().run();
        assertThat(rude.sent).extracting(TxPathTest::seqOf).containsExactly(1, 2, 3);
        assertThat(fifo.qlen).isZero();
        assertThat(fifo.backlog).isZero();
    }

    @Test
    void takingTheDeviceDownPurgesItsQdiscAndRequeueSlot() {
        eth0.setRing(0).up();
        Fifo fifo = Fifo.pfifo(eth0);
        eth0.txQueue(0).setQdisc(fifo);
        l2.devQueueXmit(frame(1), eth0);
        l2.devQueueXmit(frame(2), eth0);
        eth0.close();
        assertThat(fifo.qlen).isZero();
        assertThat(net.counters().drops(DropReason.QUEUE_PURGE)).isEqualTo(2);
    }

    /** A UDP/IPv4 frame whose checksum the stack left CHECKSUM_PARTIAL: the field holds the folded pseudo-header sum. */
    SkBuff partialUdp() {
        byte[] ip = Frames.ipv4("10.0.0.1", "10.0.0.2", 64, 8 + 13);
        Bytes.put16(ip, 20, 4000);
        Bytes.put16(ip, 22, 53);
        Bytes.put16(ip, 24, 8 + 13);
        long pseudo = Checksum.pseudoHeaderV4(Bytes.i32(ip, 12), Bytes.i32(ip, 16), IpProtocol.UDP, 21);
        Bytes.put16(ip, 26, Checksum.fold(pseudo));
        SkBuff skb = Frames.ipSkb(net.pool(), ip);
        skb.setCsumPartial(skb.data() + 20, 6);
        Eth.hardHeader(skb, eth0, EtherType.IPV4, MAC_B);
        return skb;
    }

    @Test
    void aDeviceWithoutChecksumOffloadGetsTheChecksumCompletedInSoftware() {
        eth0.withFeatures(Features.SG).up();
        l2.devQueueXmit(partialUdp(), eth0);
        byte[] f = eth0.sent.get(0);
        int udp = 14 + 20;
        long sum = Checksum.pseudoHeaderV4(Bytes.i32(f, 14 + 12), Bytes.i32(f, 14 + 16), IpProtocol.UDP, 21);
        assertThat(Checksum.fold(Checksum.add(sum, f, udp, 21))).isEqualTo(0xffff);
        assertThat(Bytes.u16(f, udp + 6)).isNotZero();
    }

    @Test
    void aDeviceWithChecksumOffloadGetsThePacketPartial() {
        eth0.withFeatures(Features.SG | Features.IP_CSUM).up();
        SkBuff skb = partialUdp();
        int pseudoField = Bytes.u16(skb.buf(), skb.data() + 14 + 26);
        l2.devQueueXmit(skb, eth0);
        assertThat(Bytes.u16(eth0.sent.get(0), 14 + 26)).isEqualTo(pseudoField);
    }

    /** A GSO packet: headers then 3 x 10 bytes of payload, gso_size 10. */
    SkBuff gso() {
        SkBuff skb = frame(9);
        skb.setGso(10, 3, SkBuff.GSO_TCPV4);
        skb.setIpSummed(SkBuff.CHECKSUM_PARTIAL);
        return skb;
    }

    @Test
    void aGsoPacketForADeviceWithoutTsoIsSegmentedInSoftwareAndTheRestRequeuedWhenTheRingFills() {
        eth0.withFeatures(Features.SG | Features.HW_CSUM).setRing(2).up();
        Fifo fifo = Fifo.pfifo(eth0);
        eth0.txQueue(0).setQdisc(fifo);
        List<Boolean> partial = new ArrayList<>();
        l2.setSegmenter((skb, out, csumPartial) -> {
            partial.add(csumPartial);
            for (int i = 0; i < 3; i++) {
                SkBuff seg = skb.copy();
                seg.setGso(0, 0, 0);
                seg.buf()[seg.data() + 14 + 20] = (byte) (100 + i);
                out.addLast(seg);
            }
            return 3;
        });
        net.takePendingCost();
        l2.devQueueXmit(gso(), eth0);
        assertThat(partial).containsExactly(true);
        assertThat(eth0.sent).extracting(TxPathTest::seqOf).containsExactly(100, 101);
        assertThat(eth0.txQueue(0).requeued.size()).isEqualTo(1);
        assertThat(fifo.qlen).isEqualTo(1);
        assertThat(net.takePendingCost()).isEqualTo(3 * net.costs().gsoSegment + 2 * net.costs().xmit);
        eth0.completeTx(2);
        sim.scheduler().run();
        assertThat(eth0.sent).extracting(TxPathTest::seqOf).containsExactly(100, 101, 102);
    }

    @Test
    void aDeviceWithTsoGetsTheGsoPacketWhole() {
        eth0.withFeatures(Features.SG | Features.HW_CSUM | Features.TSO).up();
        l2.setSegmenter((skb, out, csum) -> {
            throw new AssertionError("no software GSO for a TSO device");
        });
        l2.devQueueXmit(gso(), eth0);
        assertThat(eth0.sent).hasSize(1);
    }

    @Test
    void aGsoPacketSoftwareGsoCannotSplitIsDropped() {
        eth0.withFeatures(Features.SG).up();
        assertThat(l2.devQueueXmit(gso(), eth0)).isEqualTo(Qdisc.NET_XMIT_DROP); // UDP marked TCPV4: Gso refuses it
        assertThat(eth0.stats.txDropped).isEqualTo(1);
        assertThat(net.counters().drops(DropReason.NOT_SPECIFIED)).isEqualTo(1);
    }

    @Test
    void aTcpGsoPacketIsCutBySoftwareGsoIntoMssSegmentsWithTheirChecksumsForADeviceWithoutOffloads() {
        eth0.withFeatures(Features.SG).up();
        byte[] frame = Frames.tcp4().seq(1000).payload(3000).build();
        SkBuff skb = Frames.skb(net.pool(), frame);
        skb.setNetworkHeader(skb.data() + 14);
        skb.setTransportHeader(skb.data() + 34);
        skb.setProtocol(EtherType.IPV4);
        skb.setGso(1000, 3, SkBuff.GSO_TCPV4);
        skb.setIpSummed(SkBuff.CHECKSUM_UNNECESSARY);
        l2.devQueueXmit(skb, eth0);
        assertThat(eth0.sent).hasSize(3);
        for (int i = 0; i < 3; i++) {
            byte[] f = eth0.sent.get(i);
            int tcpLen = f.length - 34;
            assertThat(Bytes.i32(f, 34 + 4)).isEqualTo(1000 + 1000 * i);
            long sum = Checksum.pseudoHeaderV4(Bytes.i32(f, 26), Bytes.i32(f, 30), IpProtocol.TCP, tcpLen);
            assertThat(Checksum.fold(Checksum.add(sum, f, 34, tcpLen))).isEqualTo(0xffff);
        }
    }
}
