package dev.weir.l2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.core.Args;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.sim.Simulation;
import dev.weir.testing.Frames;
import dev.weir.testing.TestNic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A learning bridge as a switch (Linux's net/bridge with STP off): three ports, learning,
 * flooding, forwarding, ageing, local delivery.
 */
class BridgeTest {
    static final long A = 0x02_00_00_00_00_0aL;
    static final long B = 0x02_00_00_00_00_0bL;
    static final long C = 0x02_00_00_00_00_0cL;
    static final long SECOND = 1_000_000_000L;

    final Simulation sim = new Simulation(11);
    final NetNs net = new NetNs("sw", sim.scheduler(), sim.rootRandom(), 1);
    final L2 l2 = L2.install(net);
    final TestNic p1 = new TestNic(net, "p1", 0x02_00_00_00_01_01L).up();
    final TestNic p2 = new TestNic(net, "p2", 0x02_00_00_00_01_02L).up();
    final TestNic p3 = new TestNic(net, "p3", 0x02_00_00_00_01_03L).up();
    final Bridge br = l2.addBridge("br0");
    final List<String> local = new ArrayList<>();

    BridgeTest() {
        br.addPort(p1);
        br.addPort(p2);
        br.addPort(p3);
        br.open();
        l2.register(EtherType.IPV4, (skb, dev) -> {
            local.add(dev.name() + " " + skb.pktType());
            skb.consume();
        });
    }

    @AfterEach
    void noLeaks() {
        net.pool().assertNoLeaks();
    }

    static byte[] frame(long dst, long src) {
        return Frames.ether(dst, src, EtherType.IPV4, Frames.ipv4("10.0.0.1", "10.0.0.2", 1, 26));
    }

    String run(String line) {
        StringWriter sw = new StringWriter();
        new BridgeCommand(l2).run(new Args("bridge", Args.split(line)), new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void theBridgeTakesTheLowestPortAddressAndHasCarrierWhileAPortForwards() {
        assertThat(br.mac()).isEqualTo(0x02_00_00_00_01_01L);
        assertThat(br.hasCarrier()).isTrue();
        assertThat(p1.isPromiscuous()).isTrue();
        assertThat(p1.master()).isSameAs(br);
        p1.close();
        p2.close();
        assertThat(br.hasCarrier()).isTrue();
        p3.setCarrier(false);
        assertThat(br.hasCarrier()).isFalse();
        assertThat(br.operState()).isEqualTo("DOWN");
    }

    @Test
    void unknownUnicastFloodsToEveryPortButTheOneItCameInOnAndTheSourceIsLearned() {
        byte[] f = frame(B, A);
        p1.inject(f);
        assertThat(p1.sent).isEmpty();
        assertThat(p2.sent).containsExactly(f);
        assertThat(p3.sent).containsExactly(f);
        assertThat(br.lookup(A)).isSameAs(p1);
        assertThat(local).isEmpty();
    }

    @Test
    void aKnownDestinationGoesOnlyToItsPort() {
        p1.inject(frame(B, A));
        byte[] back = frame(A, B);
        p2.inject(back);
        assertThat(p1.sent).containsExactly(back);
        assertThat(p3.sent).hasSize(1); // only the first, flooded frame
        assertThat(br.lookup(B)).isSameAs(p2);
    }

    @Test
    void aFrameToAStationOnItsOwnIngressPortIsNotSentBack() {
        p1.inject(frame(B, A));
        p1.inject(frame(A, B)); // B moved next to A: the bridge learns it there and sends nothing
        assertThat(br.lookup(B)).isSameAs(p1);
        assertThat(p1.sent).isEmpty();
        assertThat(p2.sent).hasSize(1);
    }

    @Test
    void broadcastFloodsAndIsHandedUpOnTheBridgeDevice() {
        byte[] f = frame(Eth.BROADCAST, A);
        p2.inject(f);
        assertThat(p1.sent).containsExactly(f);
        assertThat(p3.sent).containsExactly(f);
        assertThat(local).containsExactly("br0 1");
        assertThat(br.stats.rxPackets).isEqualTo(1);
    }

    @Test
    void multicastFloodsAndGoesUpWithoutSnooping() {
        p2.inject(frame(0x01_00_5e_00_00_fbL, A));
        assertThat(p1.sent).hasSize(1);
        assertThat(p3.sent).hasSize(1);
        assertThat(local).containsExactly("br0 2");
        assertThat(br.stats.multicast).isEqualTo(1);
    }

    @Test
    void framesForTheBridgesOwnAddressAreDeliveredLocallyNotForwarded() {
        p3.inject(frame(br.mac(), A));
        assertThat(local).containsExactly("br0 " + dev.weir.skb.SkBuff.PACKET_HOST);
        assertThat(p1.sent).isEmpty();
        assertThat(p2.sent).isEmpty();
    }

    @Test
    void bridgingNeverTouchesTheIpHeaderTtl1IsForwardedAsItCame() {
        byte[] f = frame(B, A);
        assertThat(f[14 + 8]).isEqualTo((byte) 1);
        p1.inject(f);
        assertThat(p2.sent.get(0)).isEqualTo(f);
    }

    @Test
    void learnedEntriesAgeOutAfterTheAgeingTimeUnlessRefreshed() {
        p1.inject(frame(B, A));
        p2.inject(frame(C, B));
        sim.scheduler().runUntil(200 * SECOND);
        p2.inject(frame(C, B)); // B refreshed at 200 s
        sim.scheduler().runUntil(300 * SECOND);
        assertThat(br.lookup(A)).isNull(); // learned at 0, aged at 300 s (Linux's default ageing_time)
        assertThat(br.lookup(B)).isSameAs(p2);
        sim.scheduler().runUntil(500 * SECOND);
        assertThat(br.lookup(B)).isNull();
        sim.scheduler().run(); // with nothing learned, no ageing timer keeps the simulation alive
        assertThat(sim.now()).isEqualTo(500 * SECOND);
    }

    @Test
    void ageingTimeIsSetInCentisecondsAsIproute2WritesIt() {
        new IpLink(l2).run(new Args("ip", Args.split("link set br0 type bridge ageing_time 1000")), new PrintWriter(new StringWriter()));
        assertThat(br.ageingTime()).isEqualTo(10 * SECOND);
        p1.inject(frame(B, A));
        sim.scheduler().runUntil(10 * SECOND);
        assertThat(br.lookup(A)).isNull();
        br.setAgeingTime(0); // hold time 0: nothing is learned, everything floods
        p1.inject(frame(B, A));
        assertThat(br.lookup(A)).isNull();
    }

    @Test
    void aStationThatMovesIsFollowed() {
        p1.inject(frame(B, A));
        p3.inject(frame(B, A));
        assertThat(br.lookup(A)).isSameAs(p3);
    }

    @Test
    void aMulticastSourceIsDroppedAndPauseFramesNeverCrossLinkLocalGoesToThePortsOwnStack() {
        p1.inject(frame(B, 0x01_00_00_00_00_01L));
        assertThat(net.counters().drops(DropReason.MAC_INVALID_SOURCE)).isEqualTo(1);
        p1.inject(Frames.ether(0x01_80_c2_00_00_01L, A, 0x8808, new byte[46]));
        assertThat(net.counters().drops(DropReason.MAC_IEEE_MAC_CONTROL)).isEqualTo(1);
        List<String> lldp = new ArrayList<>();
        l2.register(0x88cc, (skb, dev) -> {
            lldp.add(dev.name());
            skb.consume();
        });
        p1.inject(Frames.ether(0x01_80_c2_00_00_0eL, A, 0x88cc, new byte[46]));
        assertThat(lldp).containsExactly("p1");
        assertThat(br.lookup(A)).isSameAs(p1);
        assertThat(p2.sent).isEmpty();
        // The STP group address is forwarded when STP is off, as Linux does.
        p1.inject(Frames.ether(0x01_80_c2_00_00_00L, A, 0x0026, new byte[46]));
        assertThat(p2.sent).hasSize(1);
    }

    @Test
    void portsThatAreDownGetNothing() {
        p3.close();
        p1.inject(frame(B, A));
        assertThat(p2.sent).hasSize(1);
        assertThat(p3.sent).isEmpty();
    }

    @Test
    void aFrameTooLongForTheEgressPortIsDropped() {
        p2.setMtu(1000);
        p1.inject(Frames.ether(B, A, EtherType.IPV4, Frames.ipv4("10.0.0.1", "10.0.0.2", 64, 1100)));
        assertThat(p2.sent).isEmpty();
        assertThat(p3.sent).hasSize(1);
        assertThat(net.counters().drops(DropReason.PKT_TOO_BIG)).isEqualTo(1);
    }

    @Test
    void theHostSendingThroughTheBridgeFloodsUnknownAndForwardsKnownDestinations() {
        p2.inject(frame(C, B));
        dev.weir.skb.SkBuff skb = Frames.ipSkb(net.pool(), Frames.ipv4("10.0.0.9", "10.0.0.2", 64, 10));
        Eth.hardHeader(skb, br, EtherType.IPV4, B);
        l2.devQueueXmit(skb, br);
        assertThat(p2.sent).hasSize(1);
        assertThat(Frames.src(p2.sent.get(0))).isEqualTo(br.mac());
        assertThat(p1.sent).hasSize(1); // only the flooded frame from B
        assertThat(br.stats.txPackets).isEqualTo(1);
    }

    @Test
    void removingAPortForgetsItsEntriesAndItsAddress() {
        p1.inject(frame(B, A));
        br.removePort(p1);
        assertThat(br.lookup(A)).isNull();
        assertThat(br.lookup(0x02_00_00_00_01_01L)).isNull();
        assertThat(br.mac()).isEqualTo(0x02_00_00_00_01_02L);
        assertThat(p1.master()).isNull();
        assertThat(p1.isPromiscuous()).isFalse();
    }

    @Test
    void bridgeFdbShowListsLearnedEntriesWithATrailingSpaceAsBridge61Does() {
        p1.inject(frame(B, A));
        sim.scheduler().runUntil(3 * SECOND);
        assertThat(run("fdb show")).isEqualTo("""
                02:00:00:00:00:0a dev p1 master br0\s
                02:00:00:00:01:01 dev p1 master br0 permanent
                02:00:00:00:01:02 dev p2 master br0 permanent
                02:00:00:00:01:03 dev p3 master br0 permanent
                """);
        assertThat(run("-s fdb show brport p1")).isEqualTo("""
                02:00:00:00:00:0a used 3/3 master br0\s
                02:00:00:00:01:01 used 3/3 master br0 permanent
                """);
    }

    @Test
    void unregisteringTheBridgeReleasesItsPorts() {
        net.unregister(br);
        assertThat(p1.master()).isNull();
        assertThat(p1.rxHandler()).isNull();
        byte[] f = frame(p1.mac(), A);
        p1.inject(f);
        assertThat(local).containsExactly("p1 0");
        NetDevice none = net.device("br0");
        assertThat(none).isNull();
        assertThat(Bytes.u16(f, 12)).isEqualTo(EtherType.IPV4);
    }
}
