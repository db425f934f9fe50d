package dev.weir.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.Features;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.sim.Simulation;
import dev.weir.skb.SkBuff;
import dev.weir.testing.Frames;
import dev.weir.testing.TestNic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IEEE 802.1Q VLAN devices (Linux's 8021q): tagging out, untagging in, state following the lower device. */
class VlanTest {
    static final long MAC_A = 0x02_00_00_00_00_01L;
    static final long MAC_B = 0x02_00_00_00_00_02L;

    final Simulation sim = new Simulation(5);
    final NetNs net = new NetNs("a", sim.scheduler(), sim.rootRandom(), 1);
    final L2 l2 = L2.install(net);
    final TestNic eth0 = new TestNic(net, "eth0", MAC_A).up();
    final IpLink ip = new IpLink(l2);

    /** What the IPv4 handler saw; the payload as hex so records compare by value. */
    record Seen(String dev, int pktType, String payload) {
        Seen(String dev, int pktType, byte[] payload) {
            this(dev, pktType, Bytes.hex(payload, 0, payload.length));
        }
    }

    final List<Seen> seen = new ArrayList<>();

    VlanTest() {
        l2.register(EtherType.IPV4, (skb, dev) -> {
            seen.add(new Seen(dev.name(), skb.pktType(), skb.toByteArray()));
            skb.consume();
        });
    }

    @AfterEach
    void noLeaks() {
        net.pool().assertNoLeaks();
    }

    String ip(String line) {
        StringWriter sw = new StringWriter();
        ip.run(new Args("ip", Args.split(line)), new PrintWriter(sw));
        return sw.toString();
    }

    VlanDevice vlan100() {
        ip("link add link eth0 name eth0.100 type vlan id 100");
        ip("link set eth0.100 up");
        return l2.vlan(eth0, 100);
    }

    SkBuff ipFrame(NetDevice dev) {
        SkBuff skb = Frames.ipSkb(net.pool(), Frames.ipv4("10.1.0.1", "10.1.0.2", 64, 10));
        Eth.hardHeader(skb, dev, EtherType.IPV4, MAC_B);
        return skb;
    }

    @Test
    void sendingOnAVlanDeviceTagsTheFrameOnTheLowerDevice() {
        VlanDevice v = vlan100();
        assertThat(v.mac()).isEqualTo(MAC_A);
        List<byte[]> onEth0 = new ArrayList<>();
        List<byte[]> onVlan = new ArrayList<>();
        l2.addTap(eth0, (dev, skb, out) -> onEth0.add(skb.toByteArray()));
        l2.addTap(v, (dev, skb, out) -> onVlan.add(skb.toByteArray()));
        l2.devQueueXmit(ipFrame(v), v);
        byte[] ipPacket = Frames.ipv4("10.1.0.1", "10.1.0.2", 64, 10);
        byte[] wire = Frames.tagged(MAC_B, MAC_A, 100, EtherType.IPV4, ipPacket);
        assertThat(eth0.sent).containsExactly(wire);
        assertThat(onEth0).containsExactly(wire);
        assertThat(onVlan).containsExactly(Frames.ether(MAC_B, MAC_A, EtherType.IPV4, ipPacket));
        assertThat(v.stats.txPackets).isEqualTo(1);
        assertThat(v.stats.txBytes).isEqualTo(14 + ipPacket.length);
    }

    @Test
    void aLowerDeviceThatInsertsTagsItselfGetsTheTagAsMetadata() {
        TestNic eth1 = new TestNic(net, "eth1", MAC_B).withFeatures(Features.SG | Features.HW_VLAN_CTAG_TX).up();
        VlanDevice v = l2.addVlan("eth1.7", eth1, 7);
        v.open();
        l2.devQueueXmit(ipFrame(v), v);
        assertThat(Frames.type(eth1.sent.get(0))).isEqualTo(EtherType.IPV4);
        assertThat(eth1.sentTci).containsExactly(7);
    }

    @Test
    void aTaggedFrameIsUntaggedAndReceivedOnItsVlanDevice() {
        VlanDevice v = vlan100();
        List<String> tapped = new ArrayList<>();
        l2.addTap((dev, skb, out) -> tapped.add(dev.name() + " " + Integer.toHexString(Bytes.u16(skb.toByteArray(), 12))));
        byte[] ipPacket = Frames.ipv4("10.1.0.2", "10.1.0.1", 64, 10);
        eth0.inject(Frames.tagged(MAC_A, MAC_B, 100, EtherType.IPV4, ipPacket));
        assertThat(seen).containsExactly(new Seen("eth0.100", SkBuff.PACKET_HOST, ipPacket));
        assertThat(tapped).containsExactly("eth0 8100", "eth0.100 800");
        assertThat(v.stats.rxPackets).isEqualTo(1);
        assertThat(v.stats.rxBytes).isEqualTo(ipPacket.length);
    }

    @Test
    void aFrameForTheVlanDevicesOwnAddressIsForThisHostEvenWhenTheLowerOneDiffers() {
        VlanDevice v = vlan100();
        v.setMac(0x02_00_00_00_01_00L);
        byte[] ipPacket = Frames.ipv4("10.1.0.2", "10.1.0.1", 64, 0);
        eth0.inject(Frames.tagged(0x02_00_00_00_01_00L, MAC_B, 100, EtherType.IPV4, ipPacket));
        assertThat(seen).extracting(Seen::pktType).containsExactly(SkBuff.PACKET_HOST);
    }

    @Test
    void aTagNoVlanDeviceClaimsIsOtherhostExceptThePriorityTagVlan0() {
        vlan100();
        byte[] ipPacket = Frames.ipv4("10.1.0.2", "10.1.0.1", 64, 0);
        eth0.inject(Frames.tagged(MAC_A, MAC_B, 200, EtherType.IPV4, ipPacket));
        eth0.inject(Frames.tagged(MAC_A, MAC_B, 0, EtherType.IPV4, ipPacket));
        assertThat(seen).containsExactly(new Seen("eth0", SkBuff.PACKET_OTHERHOST, ipPacket),
                new Seen("eth0", SkBuff.PACKET_HOST, ipPacket));
    }

    @Test
    void theVlanDeviceFollowsItsLowerDevice() {
        VlanDevice v = vlan100();
        eth0.setCarrier(false);
        assertThat(v.hasCarrier()).isFalse();
        assertThat(v.operState()).isEqualTo("LOWERLAYERDOWN");
        eth0.setCarrier(true);
        assertThat(v.operState()).isEqualTo("UP");
        ip("link set eth0 down");
        assertThat(v.isUp()).isFalse();
        assertThatThrownBy(() -> ip("link set eth0.100 up"))
                .isInstanceOf(CommandException.class).hasMessage("RTNETLINK answers: Network is down");
        ip("link set eth0 up");
        assertThat(v.isUp()).isTrue();
        ip("link del eth0.100");
        assertThat(l2.vlan(eth0, 100)).isNull();
        assertThat(net.device("eth0.100")).isNull();
    }

    @Test
    void vlansGoWithTheirLowerDevice() {
        vlan100();
        net.unregister(eth0);
        assertThat(net.device("eth0.100")).isNull();
    }

    @Test
    void ipLinkRefusesWhatThe8021qModuleRefuses() {
        vlan100();
        Consumer<String> refused = line -> assertThatThrownBy(() -> ip(line)).isInstanceOf(CommandException.class);
        refused.accept("link add link eth0 name x type vlan id 100");
        assertThatThrownBy(() -> ip("link add link eth0 name x type vlan id 100")).hasMessage("Error: 8021q: VLAN device already exists.");
        assertThatThrownBy(() -> ip("link add link eth0 name x type vlan id 4095")).hasMessage("Error: 8021q: Invalid VLAN id.");
        assertThatThrownBy(() -> ip("link add name x type vlan id 5")).hasMessage("Error: 8021q: link not specified.");
        assertThatThrownBy(() -> ip("link add link eth0 name x type vlan")).hasMessage("Error: 8021q: VLAN id not specified.");
        assertThatThrownBy(() -> ip("link add link eth0 name x type vlan id x")).hasMessage("Error: argument \"x\" is wrong: id is invalid");
        assertThatThrownBy(() -> ip("link add link eth9 name x type vlan id 5")).hasMessage("Cannot find device \"eth9\"");
        assertThatThrownBy(() -> ip("link set eth0.100 mtu 1600")).hasMessage("RTNETLINK answers: Numerical result out of range");
    }

    @Test
    void ipLinkShowsAVlanDeviceWithItsLowerDeviceAfterTheAt() {
        // Linux 6.18 here lacks the 8021q module, so this is the layout print_linkinfo gives a
        // device with IFLA_LINK in the same namespace: "@LOWER", and M-DOWN when LOWER is down.
        ip("link add link eth0 name eth0.100 type vlan id 100");
        assertThat(ip("link show dev eth0.100")).isEqualTo("""
                2: eth0.100@eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                """);
        ip("link set eth0.100 up");
        assertThat(ip("link show dev eth0.100")).startsWith(
                "2: eth0.100@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT");
        ip("link set eth0 down");
        assertThat(ip("link show dev eth0.100")).startsWith(
                "2: eth0.100@eth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noqueue state DOWN mode DEFAULT");
    }
}
