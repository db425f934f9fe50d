package dev.weir.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Packet;
import dev.weir.api.wire.TcpPacket;
import dev.weir.api.wire.WireError;
import dev.weir.core.DropReason;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.link.LinkConfig;
import dev.weir.napi.Napi;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NicTest {
    private NicRig rig;

    @AfterEach
    void nothingLeaked() {
        if (rig != null) {
            rig.h.sched.run();
            rig.assertNoLeaks();
        }
    }

    private static byte[] udp(int sport) {
        return Frames.tcp4().udp().ports(sport, 9).payload(18).build();
    }

    private void immediateIrq() {
        rig.nic.setCoalesceParams(new EthtoolOps.Coalesce(0, 1, 0, 1));
    }

    @Test
    void aReceivedFrameBecomesAnSkbWithTheDriversMetadata() {
        rig = new NicRig(2, 2);
        byte[] frame = Frames.tcp4().flags(TcpPacket.ACK | TcpPacket.PSH).payload(100).build();
        rig.peer.send(frame);
        rig.h.sched.run();

        assertThat(rig.h.received).hasSize(1);
        TestHost.Received r = rig.h.received.get(0);
        assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(frame, 14, frame.length));
        assertThat(r.protocol()).isEqualTo(EtherType.IPV4);
        assertThat(r.pktType()).isEqualTo(SkBuff.PACKET_HOST);
        assertThat(r.macToData()).isEqualTo(14);
        assertThat(r.ingressIfindex()).isEqualTo(rig.nic.ifindex());
        assertThat(r.hash()).isNotZero();
        assertThat(r.l4Hash()).isTrue();
        assertThat(r.queue()).isEqualTo(rig.nic.rss().queueFor(r.hash()));
        assertThat(r.ipSummed()).isEqualTo(SkBuff.CHECKSUM_UNNECESSARY);
        // rx-usecs 8 delays the interrupt; the hard IRQ costs its CPU 1 us before the softirq runs.
        assertThat(r.time()).isEqualTo(8_000 + rig.h.net.costs().hardIrq);
        assertThat(r.cpu()).isEqualTo(rig.nic.irqAffinity(r.queue()));
        assertThat(rig.nic.stats.rxPackets).isEqualTo(1);
        assertThat(rig.nic.stats.rxBytes).isEqualTo(frame.length);
        assertThat(rig.nic.ethtoolStats()).containsEntry("rx_queue_" + r.queue() + "_packets", 1L).containsEntry("rx_csum_unnecessary", 1L);
    }

    @Test
    void timeSpentPerPacketIsTheSumOfTheStageCosts() {
        for (boolean gro : new boolean[] {false, true}) {
            rig = new NicRig(1, 1);
            immediateIrq();
            rig.nic.setFeatures(Features.GRO, gro);
            rig.h.receiverCost = 3000;
            for (int i = 0; i < 10; i++) {
                rig.peer.send(udp(1000));
            }
            rig.h.sched.run();
            long per = rig.h.net.costs().driverRx + (gro ? rig.h.net.costs().gro : 0) + 3000;
            assertThat(rig.h.received).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(rig.h.received.get(i).time()).as("gro %s, packet %d", gro, i).isEqualTo(rig.h.net.costs().hardIrq + i * per);
            }
            assertThat(rig.h.net.cpu(0).softirqNanos).isEqualTo(10 * per);
            assertThat(rig.h.net.cpu(0).busyNanos).isEqualTo(10 * per + rig.h.net.costs().hardIrq);
            rig.assertNoLeaks();
        }
    }

    @Test
    void coalescingDelaysTheInterruptUntilRxUsecsOrRxFrames() {
        rig = new NicRig(1, 1);
        rig.nic.setCoalesceParams(new EthtoolOps.Coalesce(50, 4, 16, 32));
        rig.peer.send(udp(1));
        rig.h.sched.run();
        assertThat(rig.h.received.get(0).time()).as("rx-usecs 50").isEqualTo(50_000 + 1_000);

        rig.peer.sendAt(1_000_000, udp(1));
        rig.peer.sendAt(1_000_100, udp(1));
        rig.peer.sendAt(1_000_200, udp(1));
        rig.peer.sendAt(1_000_300, udp(1));
        rig.h.sched.run();
        assertThat(rig.h.received.get(1).time()).as("the fourth frame reaches rx-frames").isEqualTo(1_000_300 + 1_000);
        assertThat(rig.nic.irqCounts(0)[0]).isEqualTo(2);
    }

    @Test
    void theInterruptIsReenabledWhenAShortPollCompletes() {
        rig = new NicRig(1, 1);
        immediateIrq();
        for (int i = 0; i < 3; i++) {
            rig.peer.sendAt(0, udp(1));
            rig.peer.sendAt(1_000_000, udp(1));
        }
        rig.h.sched.run();
        assertThat(rig.h.received).hasSize(6);
        assertThat(rig.nic.irqCounts(0)[0]).isEqualTo(2);
        assertThat(rig.nic.napi(0).completions()).isEqualTo(2);
        assertThat(rig.nic.napi(0).maxPollWork()).isEqualTo(3);
    }

    @Test
    void aPollTakesAtMostTheNapiWeightFromTheRing() {
        rig = new NicRig(1, 1);
        for (int i = 0; i < 200; i++) {
            rig.peer.send(udp(1));
        }
        rig.h.sched.run();
        assertThat(rig.h.received).hasSize(200);
        assertThat(rig.nic.napi(0).maxPollWork()).isEqualTo(Napi.POLL_WEIGHT);
        assertThat(rig.nic.irqCounts(0)[0]).as("one interrupt: the rest is polling").isEqualTo(1);
    }

    @Test
    void aCpuThatCannotKeepUpLetsTheRingFillAndRxMissedRise() {
        rig = new NicRig(1, 1);
        rig.h.receiverCost = 3900; // 5 us per packet with the driver and GRO: 200,000 packets/s at most
        rig.peer.stream(0, 2_500, 8_000, i -> udp(1)); // 400,000 packets/s for 20 ms
        rig.h.sched.run();

        long missed = rig.nic.stats.rxMissedErrors;
        assertThat(missed).isGreaterThan(3_000);
        assertThat(rig.h.received.size() + missed).isEqualTo(8_000);
        assertThat(rig.nic.ethtoolStats()).containsEntry("rx_missed", missed).containsEntry("rx_queue_0_missed", missed);
        assertThat(rig.h.net.counters().drops(DropReason.FULL_RING)).isEqualTo(missed);
        assertThat(rig.h.net.cpu(0).busyNanos).as("the CPU was busy nearly all the time").isGreaterThan(19_000_000);
    }

    /** Bursts of 600 frames at 1 Mpps every 6 ms: 100,000 packets/s on average, half the CPU's capacity. */
    private long missedWithRing(int ring) {
        rig = new NicRig(1, 1);
        rig.nic.setRingParams(ring, 256);
        rig.h.receiverCost = 3900;
        for (int b = 0; b < 5; b++) {
            rig.peer.stream(b * 6_000_000L, 1_000, 600, i -> udp(1));
        }
        rig.h.sched.run();
        long missed = rig.nic.stats.rxMissedErrors;
        assertThat(rig.h.received.size() + missed).isEqualTo(3_000);
        rig.assertNoLeaks();
        return missed;
    }

    @Test
    void withTheSameAverageLoadALargerRingAbsorbsBursts() {
        long small = missedWithRing(256);
        long large = missedWithRing(1024);
        assertThat(small).isGreaterThan(500);
        assertThat(large).isZero();
    }

    private static byte[] ack(int flow) {
        return Frames.tcp4().ports(10_000 + flow, 80).build();
    }

    private long missedWithQueues(int queues) {
        rig = new NicRig(4, queues);
        rig.h.receiverCost = 3900;
        rig.peer.stream(0, 2_500, 8_000, i -> ack(i % 64)); // 400,000 packets/s over 64 TCP flows
        rig.h.sched.run();
        assertThat(rig.h.received.size() + rig.nic.stats.rxMissedErrors).isEqualTo(8_000);
        return rig.nic.stats.rxMissedErrors;
    }

    @Test
    void rssSpreadingFlowsOverFourQueuesAndCpusEndsTheMisses() {
        assertThat(missedWithQueues(1)).isGreaterThan(3_000);
        rig.assertNoLeaks();
        assertThat(missedWithQueues(4)).isZero();
        long[] per = rig.h.perCpu();
        for (int c = 0; c < 4; c++) {
            assertThat(per[c]).as("CPU %d", c).isGreaterThan(1_000);
            assertThat(rig.h.net.cpu(c).processed).isEqualTo(per[c]);
        }
    }

    @Test
    void rpsMovesTheStackWorkToOtherCpus() {
        rig = new NicRig(4, 1);
        rig.h.receiverCost = 3900;
        rig.nic.rps(0).setCpus(1, 2, 3);
        for (int i = 0; i < 240; i++) {
            rig.peer.send(ack(i % 30));
        }
        rig.h.sched.run();
        long[] per = rig.h.perCpu();
        assertThat(per[0]).isZero();
        assertThat(per[1] + per[2] + per[3]).isEqualTo(240);
        assertThat(per[1]).isPositive();
        assertThat(per[2]).isPositive();
        assertThat(per[3]).isPositive();
        // CPU 0 still reads the ring (driver and GRO); the stack's cost moved.
        long driverWork = 240 * (rig.h.net.costs().driverRx + rig.h.net.costs().gro);
        assertThat(rig.h.net.cpu(0).softirqNanos).isEqualTo(driverWork);
        assertThat(rig.h.net.cpu(1).softirqNanos + rig.h.net.cpu(2).softirqNanos + rig.h.net.cpu(3).softirqNanos).isEqualTo(240 * 3900L);
        assertThat(rig.h.net.cpu(1).receivedRps + rig.h.net.cpu(2).receivedRps + rig.h.net.cpu(3).receivedRps).isPositive();
    }

    @Test
    void groMergesATrainArrivingThroughTheNic() {
        rig = new NicRig(1, 1);
        for (int i = 0; i < 10; i++) {
            rig.peer.send(Frames.tcp4().seq(1000 + i * 1448).id(10 + i).payload(1448).build());
        }
        rig.h.sched.run();
        assertThat(rig.h.received).hasSize(1);
        assertThat(rig.h.received.get(0).gsoSegs()).isEqualTo(10);
        assertThat(rig.nic.ethtoolStats()).containsEntry("rx_gro_merged", 9L).containsEntry("rx_queue_0_gro_merged", 9L);
    }

    @Test
    void rxChecksumOffloadMarksGoodChecksumsAndLeavesBadOnesToSoftware() {
        rig = new NicRig(1, 1);
        byte[] bad = Frames.tcp4().flags(TcpPacket.ACK | TcpPacket.PSH).payload(50).build();
        bad[bad.length - 1] ^= 0x40;
        rig.peer.send(bad);
        rig.peer.send(udp(7));
        rig.h.sched.run();
        assertThat(rig.h.received.get(0).ipSummed()).isEqualTo(SkBuff.CHECKSUM_NONE);
        assertThat(rig.h.received.get(1).ipSummed()).isEqualTo(SkBuff.CHECKSUM_UNNECESSARY);
        assertThat(rig.nic.ethtoolStats()).containsEntry("rx_csum_errors", 1L).containsEntry("rx_csum_unnecessary", 1L);

        rig.nic.setFeatures(Features.RXCSUM, false);
        rig.peer.send(udp(7));
        rig.h.sched.run();
        assertThat(rig.h.received.get(2).ipSummed()).isEqualTo(SkBuff.CHECKSUM_NONE);
    }

    @Test
    void pktTypeFollowsTheDestinationAddress() {
        rig = new NicRig(1, 1);
        immediateIrq();
        Frames.Tcp bcast = Frames.tcp4().udp().payload(20);
        bcast.dstMac = 0xffff_ffff_ffffL;
        Frames.Tcp mcast = Frames.tcp4().udp().payload(20);
        mcast.dstMac = 0x01_00_5e_00_00_01L;
        Frames.Tcp other = Frames.tcp4().udp().payload(20);
        other.dstMac = 0x02_00_00_00_00_99L;
        rig.peer.send(bcast.build());
        rig.peer.send(mcast.build());
        rig.peer.send(other.build());
        rig.h.sched.run();
        assertThat(rig.h.received).extracting(TestHost.Received::pktType)
                .containsExactly(SkBuff.PACKET_BROADCAST, SkBuff.PACKET_MULTICAST, SkBuff.PACKET_OTHERHOST);
        assertThat(rig.nic.stats.multicast).isEqualTo(1);
    }

    @Test
    void framesLongerThanTheMtuAreLengthErrors() {
        rig = new NicRig(1, 1, LinkConfig.builder().mtu(9000).build());
        rig.peer.send(Frames.tcp4().udp().payload(1500).build());
        rig.h.sched.run();
        assertThat(rig.h.received).isEmpty();
        assertThat(rig.nic.stats.rxLengthErrors).isEqualTo(1);
        assertThat(rig.nic.ethtoolStats()).containsEntry("rx_oversize_pkts", 1L);
        assertThat(rig.h.net.counters().drops(DropReason.PKT_TOO_BIG)).isEqualTo(1);

        rig.nic.setMtu(9000);
        rig.peer.send(Frames.tcp4().udp().payload(8000).build());
        rig.h.sched.run();
        assertThat(rig.h.received).hasSize(1);
        assertThat(rig.h.received.get(0).bytes()).hasSize(20 + 8 + 8000);
    }

    // ---- transmit ----

    private SkBuff txSkb(byte[] frame) {
        return Frames.skb(rig.h.net.pool(), frame);
    }

    @Test
    void transmittedFramesReachThePeerAndShortOnesArePadded() {
        rig = new NicRig(2, 2);
        byte[] frame = Frames.tcp4().udp().payload(200).build();
        byte[] tiny = Arrays.copyOf(Frames.tcp4().udp().payload(0).build(), 42);
        assertThat(rig.nic.startXmit(txSkb(frame), rig.nic.txQueue(1))).isEqualTo(NetDevice.NETDEV_TX_OK);
        assertThat(rig.nic.startXmit(txSkb(tiny), rig.nic.txQueue(0))).isEqualTo(NetDevice.NETDEV_TX_OK);
        rig.h.sched.run();
        assertThat(rig.peer.got).hasSize(2);
        assertThat(rig.peer.got.get(0)).isEqualTo(frame);
        assertThat(rig.peer.got.get(1)).hasSize(60);
        assertThat(Arrays.copyOf(rig.peer.got.get(1), 42)).isEqualTo(tiny);
        assertThat(rig.nic.stats.txPackets).isEqualTo(2);
        assertThat(rig.nic.txPending(0) + rig.nic.txPending(1)).as("completions cleaned").isZero();
    }

    @Test
    void tsoCutsASuperPacketIntoMtuSizedFramesOnTheWire() {
        rig = new NicRig(1, 1);
        Frames.Tcp t = Frames.tcp4().payload(10_000);
        SkBuff skb = txSkb(t.build());
        skb.setGso(1448, 7, SkBuff.GSO_TCPV4);
        rig.nic.startXmit(skb, rig.nic.txQueue(0));
        rig.h.sched.run();
        assertThat(rig.peer.got).hasSize(7);
        int total = 0;
        for (byte[] f : rig.peer.got) {
            assertThat(f.length).isLessThanOrEqualTo(1514);
            Ipv4Packet ip = new Ipv4Packet();
            assertThat(ip.wrap(f, 14, f.length - 14)).isEqualTo(WireError.OK);
            TcpPacket tcp = new TcpPacket();
            assertThat(tcp.wrap(f, ip.payloadOffset(), ip.payloadLength())).isEqualTo(WireError.OK);
            assertThat(tcp.verifyChecksumV4(ip.src(), ip.dst())).isTrue();
            total += tcp.payloadLength();
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(rig.nic.ethtoolStats()).containsEntry("tx_tso_packets", 1L).containsEntry("tx_packets", 7L);
    }

    @Test
    void checksumPartialIsFilledBeforeTheWire() {
        rig = new NicRig(1, 1);
        byte[] frame = Frames.tcp4().payload(300).build();
        SkBuff skb = txSkb(frame);
        int th = skb.data() + 34;
        Bytes.put16(skb.buf(), th + 16, Checksum.fold(Checksum.pseudoHeaderV4(Frames.IP_A, Frames.IP_B, IpProtocol.TCP, frame.length - 34)));
        skb.setCsumPartial(th, 16);
        rig.nic.startXmit(skb, rig.nic.txQueue(0));
        rig.h.sched.run();
        assertThat(rig.peer.got.get(0)).isEqualTo(frame);
        assertThat(rig.nic.ethtoolStats()).containsEntry("tx_csum_partial", 1L);
    }

    @Test
    void aFullTxRingStopsTheQueueAndCompletionsWakeIt() {
        rig = new NicRig(1, 1, LinkConfig.builder().rate("10mbit").build());
        rig.nic.setRingParams(256, 64);
        var txq = rig.nic.txQueue(0);
        byte[] frame = Frames.tcp4().udp().payload(958).build();
        int taken = 0;
        int stoppedAt = -1;
        SkBuff extra = null;
        while (true) {
            SkBuff s = txSkb(frame);
            if (rig.nic.startXmit(s, txq) == NetDevice.NETDEV_TX_BUSY) {
                extra = s;
                break;
            }
            taken++;
            if (stoppedAt < 0 && txq.isStopped()) {
                stoppedAt = taken;
            }
        }
        // Stopped once fewer than MAX_SKB_FRAGS + 4 descriptors were free; BUSY only when none fit.
        assertThat(stoppedAt).isEqualTo(64 - TxRing.STOP_THRESHOLD + 1);
        assertThat(taken).isEqualTo(64);
        extra.free();
        rig.h.sched.run();
        assertThat(rig.peer.got).hasSize(64);
        assertThat(txq.isStopped()).isFalse();
        assertThat(rig.h.txWakes).containsExactly(0);
        assertThat(rig.nic.ethtoolStats()).containsEntry("tx_busy", 1L).containsEntry("tx_queue_wake", 1L);
        // 1000-byte frames at 10 Mbit/s: 0.8 ms each, back to back.
        assertThat(rig.peer.gotAt.get(63) - rig.peer.gotAt.get(0)).isEqualTo(63 * 800_000L);
    }

    @Test
    void carrierFollowsTheLink() {
        rig = new NicRig(1, 1);
        List<String> events = new ArrayList<>();
        rig.h.net.addDeviceListener((d, e) -> events.add(d.name() + " " + e));
        assertThat(rig.nic.hasCarrier()).isTrue();
        rig.link.setUp(false);
        assertThat(rig.nic.hasCarrier()).isFalse();
        assertThat(rig.nic.isRunning()).isFalse();
        rig.nic.startXmit(txSkb(udp(1)), rig.nic.txQueue(0));
        assertThat(rig.nic.stats.txDropped).isEqualTo(1);
        assertThat(rig.h.net.counters().drops(DropReason.LINK_DOWN)).isEqualTo(1);
        rig.link.setUp(true);
        assertThat(rig.nic.hasCarrier()).isTrue();
        assertThat(events).containsExactly("eth0 CARRIER_DOWN", "eth0 CARRIER_UP");
    }

    @Test
    void resizingRingsAndChannelsWhileUpLosesOnlyWhatWaited() {
        rig = new NicRig(2, 2);
        rig.nic.setCoalesceParams(new EthtoolOps.Coalesce(1_000, 128, 16, 32));
        for (int i = 0; i < 10; i++) {
            rig.peer.send(ack(i));
        }
        rig.h.sched.runFor(10_000);
        assertThat(rig.nic.rxPending(0) + rig.nic.rxPending(1)).isEqualTo(10);
        rig.nic.setRingParams(512, 1024);
        assertThat(rig.nic.stats.rxDropped).isEqualTo(10);
        assertThat(rig.nic.ringParams()).isEqualTo(new EthtoolOps.Rings(4096, 4096, 512, 1024));

        rig.nic.setChannels(1);
        assertThat(rig.nic.realNumTxQueues()).isEqualTo(1);
        assertThat(rig.nic.numRxQueues()).isEqualTo(1);
        assertThat(rig.nic.rss().maxQueue()).isZero();
        rig.peer.send(ack(3));
        rig.h.sched.run();
        assertThat(rig.h.received).hasSize(1);
        assertThat(rig.h.received.get(0).queue()).isZero();
        rig.nic.setChannels(2);
        assertThat(rig.nic.rss().maxQueue()).isEqualTo(1);
    }

    @Test
    void downAndUpAgain() {
        rig = new NicRig(1, 1);
        rig.nic.close();
        rig.peer.send(udp(1));
        rig.h.sched.run();
        assertThat(rig.h.received).isEmpty();
        assertThat(rig.h.net.counters().drops(DropReason.DEV_READY)).isEqualTo(1);
        rig.nic.open();
        rig.peer.send(udp(1));
        rig.h.sched.run();
        assertThat(rig.h.received).hasSize(1);
    }

    @Test
    void defaultsFollowTheHost() {
        TestHost h = new TestHost("big", 12);
        Nic nic = Nic.create(h.softnet, "eth1", Frames.MAC_A);
        assertThat(nic.channels()).isEqualTo(8);
        assertThat(nic.maxChannels()).isEqualTo(12);
        for (int q = 0; q < 8; q++) {
            assertThat(nic.irqAffinity(q)).isEqualTo(q);
            assertThat(nic.napi(q).cpu()).isEqualTo(q);
        }
        assertThat(nic.irq(1)).isEqualTo(nic.irq(0) + 1);
        nic.setIrqAffinity(3, 11);
        assertThat(nic.napi(3).cpu()).isEqualTo(11);
        assertThat(nic.ringParams()).isEqualTo(new EthtoolOps.Rings(4096, 4096, 256, 256));
        assertThat(nic.coalesceParams()).isEqualTo(new EthtoolOps.Coalesce(8, 128, 16, 32));
        assertThat(nic.hasFeature(Features.GRO) && nic.hasFeature(Features.TSO) && nic.hasFeature(Features.RXHASH)).isTrue();
        NetNs net = h.net;
        assertThat(net.device("eth1")).isSameAs(nic);
        h.assertNoLeaks();
    }
}
