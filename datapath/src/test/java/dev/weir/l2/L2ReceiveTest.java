package dev.weir.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.wire.EtherType;
import dev.weir.core.DropReason;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;
import dev.weir.testing.Frames;
import dev.weir.testing.TestNic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receive core: eth_type_trans, EtherType dispatch, taps (Linux's __netif_receive_skb_core). */
class L2ReceiveTest {
    static final long MAC_A = 0x02_00_00_00_00_01L;
    static final long MAC_B = 0x02_00_00_00_00_02L;

    final Simulation sim = new Simulation(7);
    final NetNs net = new NetNs("a", sim.scheduler(), sim.rootRandom(), 1);
    final L2 l2 = L2.install(net);
    final TestNic eth0 = new TestNic(net, "eth0", MAC_A).up();

    /** What a protocol handler saw. */
    record Seen(NetDevice dev, int protocol, int pktType, byte[] payload, int macLen, boolean networkAtData) {}

    final List<Seen> seen = new ArrayList<>();

    PacketHandler recorder() {
        return (skb, dev) -> {
            seen.add(new Seen(dev, skb.protocol(), skb.pktType(), skb.toByteArray(), skb.data() - skb.macHeader(),
                    skb.networkHeader() == skb.data()));
            skb.consume();
        };
    }

    @AfterEach
    void noLeaks() {
        net.pool().assertNoLeaks();
    }

    @Test
    void framesGoToTheHandlerOfTheirEtherTypeWithTheHeaderPulled() {
        l2.register(EtherType.IPV4, recorder());
        byte[] ip = Frames.ipv4("10.0.0.2", "10.0.0.1", 64, 20);
        eth0.inject(Frames.ether(MAC_A, MAC_B, EtherType.IPV4, ip));
        assertThat(seen).hasSize(1);
        Seen s = seen.get(0);
        assertThat(s.dev()).isSameAs(eth0);
        assertThat(s.protocol()).isEqualTo(EtherType.IPV4);
        assertThat(s.pktType()).isEqualTo(SkBuff.PACKET_HOST);
        assertThat(s.payload()).isEqualTo(ip);
        assertThat(s.macLen()).isEqualTo(14);
        assertThat(s.networkAtData()).isTrue();
        assertThat(net.costs().netifReceive).isPositive();
        assertThat(net.takePendingCost()).isEqualTo(net.costs().netifReceive);
    }

    @Test
    void unknownEtherTypeCountsRxDroppedAndDropsUnhandledProtoAsLinux618Does() {
        // Checked on Linux 6.18: a frame of EtherType 0x88b5 on a veth raises rx_dropped, not
        // rx_nohandler (which only exact-match delivery, bonding's inactive slaves, counts).
        l2.register(EtherType.IPV4, recorder());
        eth0.inject(Frames.ether(MAC_A, MAC_B, 0x88b5, new byte[46]));
        assertThat(seen).isEmpty();
        assertThat(eth0.stats.rxDropped).isEqualTo(1);
        assertThat(eth0.stats.rxNohandler).isZero();
        assertThat(net.counters().drops(DropReason.UNHANDLED_PROTO)).isEqualTo(1);
    }

    @Test
    void an8023LengthFieldIsLlcAndUnhandled() {
        byte[] payload = new byte[46];
        payload[0] = (byte) 0xaa; // SNAP
        eth0.inject(Frames.ether(MAC_A, MAC_B, 46, payload));
        assertThat(net.counters().drops(DropReason.UNHANDLED_PROTO)).isEqualTo(1);
        PacketHandler llc = recorder();
        l2.register(Eth.ETH_P_802_2, llc);
        eth0.inject(Frames.ether(MAC_A, MAC_B, 46, payload));
        assertThat(seen).extracting(Seen::protocol).containsExactly(Eth.ETH_P_802_2);
    }

    @Test
    void oneHandlerPerEtherType() {
        PacketHandler h = recorder();
        l2.register(EtherType.IPV4, h);
        assertThatThrownBy(() -> l2.register(EtherType.IPV4, recorder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("IPv4 already has a handler");
        assertThat(l2.unregister(EtherType.IPV4, h)).isTrue();
        assertThat(l2.handler(EtherType.IPV4)).isNull();
    }

    @Test
    void pktTypeFromTheDestinationAgainstTheDeviceAddress() {
        l2.register(EtherType.IPV4, recorder());
        byte[] ip = Frames.ipv4("10.0.0.2", "10.0.0.1", 64, 0);
        eth0.inject(Frames.ether(MAC_A, MAC_B, EtherType.IPV4, ip));
        eth0.inject(Frames.ether(Eth.BROADCAST, MAC_B, EtherType.IPV4, ip));
        eth0.inject(Frames.ether(0x01_00_5e_00_00_05L, MAC_B, EtherType.IPV4, ip));
        eth0.inject(Frames.ether(0x02_00_00_00_00_09L, MAC_B, EtherType.IPV4, ip));
        // Promiscuous reception lets OTHERHOST frames in; it does not make them ours (eth_type_trans).
        eth0.setPromiscuous(true);
        eth0.inject(Frames.ether(0x02_00_00_00_00_09L, MAC_B, EtherType.IPV4, ip));
        assertThat(seen).extracting(Seen::pktType).containsExactly(SkBuff.PACKET_HOST, SkBuff.PACKET_BROADCAST,
                SkBuff.PACKET_MULTICAST, SkBuff.PACKET_OTHERHOST, SkBuff.PACKET_OTHERHOST);
    }

    @Test
    void aRuntIsDroppedAsTooSmall() {
        eth0.inject(new byte[10]);
        assertThat(net.counters().drops(DropReason.PKT_TOO_SMALL)).isEqualTo(1);
        assertThat(eth0.stats.rxLengthErrors).isEqualTo(1);
    }

    @Test
    void aFrameTheDriverAlreadyClassifiedKeepsItsClassification() {
        l2.register(EtherType.IPV4, recorder());
        byte[] frame = Frames.ether(0x02_00_00_00_00_09L, MAC_B, EtherType.IPV4, Frames.ipv4("10.0.0.2", "10.0.0.1", 64, 0));
        SkBuff skb = net.pool().alloc(frame.length, SkBuff.NET_SKB_PAD);
        skb.putBytes(frame, 0, frame.length);
        skb.setIfindex(eth0.ifindex());
        Eth.typeTrans(skb, eth0); // as a driver does before napi_gro_receive
        net.receiver().receive(skb);
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.pktType()).isEqualTo(SkBuff.PACKET_OTHERHOST);
            assertThat(s.payload()).isEqualTo(Frames.tail(frame, 14));
        });
    }

    @Test
    void tapsSeeTheWholeFrameOnReceiveAfterGroWithoutKeepingIt() {
        l2.register(EtherType.IPV4, recorder());
        List<byte[]> onEth0 = new ArrayList<>();
        List<String> everywhere = new ArrayList<>();
        L2.TapRegistration t1 = l2.addTap(eth0, (dev, skb, out) -> onEth0.add(skb.toByteArray()));
        l2.addTap((dev, skb, out) -> everywhere.add(dev.name() + (out ? " out " : " in ") + skb.len()));
        // A GRO-merged packet: headers in the linear part, the later segments' payload in a page fragment.
        byte[] first = Frames.ether(MAC_A, MAC_B, EtherType.IPV4, Frames.ipv4("10.0.0.2", "10.0.0.1", 64, 100));
        SkBuff skb = net.pool().alloc(first.length, SkBuff.NET_SKB_PAD);
        skb.putBytes(first, 0, first.length);
        SkbData page = net.pool().allocPage();
        Arrays.fill(page.bytes(), 0, 1000, (byte) 0x5a);
        skb.addFrag(page, 0, 1000);
        page.release();
        eth0.deliver(skb);
        byte[] merged = new byte[first.length + 1000];
        System.arraycopy(first, 0, merged, 0, first.length);
        Arrays.fill(merged, first.length, merged.length, (byte) 0x5a);
        assertThat(onEth0).containsExactly(merged);
        assertThat(everywhere).containsExactly("eth0 in " + merged.length);
        assertThat(seen).singleElement().satisfies(s -> assertThat(s.payload()).isEqualTo(Frames.tail(merged, 14)));
        assertThat(t1.remove()).isTrue();
        assertThat(t1.remove()).isFalse();
        eth0.inject(first);
        assertThat(onEth0).hasSize(1);
        assertThat(everywhere).hasSize(2);
    }

    @Test
    void installTwiceIsRefused() {
        assertThatThrownBy(() -> L2.install(net)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a receiver");
    }
}
