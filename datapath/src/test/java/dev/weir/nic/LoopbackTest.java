package dev.weir.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.EtherType;
import dev.weir.core.DropReason;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestHost;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopbackTest {
    private final TestHost h = new TestHost("h", 2);
    private final Loopback lo = Loopback.create(h.softnet);

    @AfterEach
    void nothingLeaked() {
        h.sched.run();
        h.assertNoLeaks();
    }

    private SkBuff frame(int payload) {
        Frames.Tcp t = Frames.tcp4().payload(payload);
        t.srcMac = 0;
        t.dstMac = 0;
        return Frames.skb(h.net.pool(), t.build());
    }

    @Test
    void loIsUpLoopbackNoQueueWithLargeMtuAndTrustedChecksums() {
        assertThat(lo.name()).isEqualTo("lo");
        assertThat(lo.type()).isEqualTo(NetDevice.ARPHRD_LOOPBACK);
        assertThat(lo.flags() & (NetDevice.IFF_UP | NetDevice.IFF_LOOPBACK)).isEqualTo(NetDevice.IFF_UP | NetDevice.IFF_LOOPBACK);
        assertThat(lo.isRunning()).isTrue();
        assertThat(lo.mtu()).isEqualTo(65536);
        assertThat(lo.isNoQueue()).isTrue();
        assertThat(lo.hasFeature(Features.LOOPBACK)).isTrue();
        assertThat(lo.hasFeature(Features.TSO) && lo.hasFeature(Features.GSO) && lo.hasFeature(Features.HW_CSUM)).isTrue();
        assertThat(h.net.device("lo")).isSameAs(lo);
    }

    @Test
    void whatLoSendsComesBackThroughTheSendingCpusBacklog() {
        h.net.runOn(h.net.cpu(1));
        SkBuff skb = frame(100);
        byte[] sent = skb.toByteArray();
        skb.setCsumPartial(skb.data() + 34, 16);
        skb.setSk(new Object());
        assertThat(lo.startXmit(skb, lo.txQueue(0))).isEqualTo(NetDevice.NETDEV_TX_OK);
        assertThat(h.received).as("not before the softirq runs").isEmpty();
        h.sched.run();

        assertThat(h.received).hasSize(1);
        TestHost.Received r = h.received.get(0);
        assertThat(r.cpu()).isEqualTo(1);
        assertThat(r.protocol()).isEqualTo(EtherType.IPV4);
        assertThat(r.pktType()).isEqualTo(SkBuff.PACKET_HOST);
        assertThat(r.ipSummed()).isEqualTo(SkBuff.CHECKSUM_UNNECESSARY);
        assertThat(r.ingressIfindex()).isEqualTo(lo.ifindex());
        assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(sent, 14, sent.length));
        // lstats: counted once each way, without the Ethernet header.
        assertThat(lo.stats.txPackets).isEqualTo(1);
        assertThat(lo.stats.rxPackets).isEqualTo(1);
        assertThat(lo.stats.txBytes).isEqualTo(sent.length - 14);
        assertThat(lo.stats.rxBytes).isEqualTo(sent.length - 14);
    }

    @Test
    void aGsoPacketStaysLarge() {
        SkBuff skb = frame(30_000);
        skb.setGso(1448, 21, SkBuff.GSO_TCPV4);
        lo.startXmit(skb, lo.txQueue(0));
        h.sched.run();
        assertThat(h.received).hasSize(1);
        assertThat(h.received.get(0).bytes()).hasSize(20 + 32 + 30_000);
        assertThat(h.received.get(0).gsoSize()).isEqualTo(1448);
    }

    @Test
    void aFullBacklogDropsAndNothingIsCounted() {
        h.net.sysctls().set("net.core.netdev_max_backlog", "0");
        lo.startXmit(frame(10), lo.txQueue(0));
        lo.startXmit(frame(10), lo.txQueue(0));
        assertThat(lo.stats.txPackets).isEqualTo(1);
        assertThat(h.net.cpu(0).dropped).isEqualTo(1);
        assertThat(h.net.counters().drops(DropReason.CPU_BACKLOG)).isEqualTo(1);
    }
}
