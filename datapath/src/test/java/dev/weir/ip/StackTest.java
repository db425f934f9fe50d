package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.link.Link;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two hosts of real stages on a real link, set up as the capture fixtures were
 * (02:00:00:00:00:01 10.0.0.1/24 fd00::1/64 -- 02:00:00:00:00:02 10.0.0.2/24 fd00::2/64): a ping
 * puts on the wire what Linux put there (captures/ipv4-ping.pcap, ipv6-ping.pcap), apart from
 * the choices each stack makes for itself (IPv4 identification, IPv6 flow label).
 */
class StackTest {
    private final StackNet net = new StackNet();
    private final StackNet.Host a = net.new Host("a");
    private final StackNet.Host b = net.new Host("b");
    private final List<byte[]> wire = new ArrayList<>();
    private final Link link = net.link("a:eth0", "b:eth0", wire);
    private final List<SkBuff> replies = new ArrayList<>();

    StackTest() {
        a.nic("eth0", 0x02_00_00_00_00_01L, link.a());
        b.nic("eth0", 0x02_00_00_00_00_02L, link.b());
        a.ip("addr add 10.0.0.1/24 dev eth0");
        a.ip("addr add fd00::1/64 dev eth0");
        b.ip("addr add 10.0.0.2/24 dev eth0");
        b.ip("addr add fd00::2/64 dev eth0");
        a.ip.v4().icmp().setPingHandler(replies::add);
        a.ip.v6().icmp().setPingHandler(replies::add);
        net.run(10_000_000);
        wire.clear(); // what coming up sent (IPv6 has no DAD here)
    }

    @AfterEach
    void nothingLeaks() {
        replies.forEach(SkBuff::consume);
        net.assertNoLeaks();
    }

    /** Sends the ICMP message of a Linux frame (after Ethernet and {@code ipHeader} bytes) from a. */
    private SkBuff icmpFrom(byte[] frame, int ipHeader, int len) {
        SkBuff skb = a.net.pool().alloc(len, SkBuff.MAX_HEADER);
        skb.putBytes(frame, 14 + ipHeader, len);
        return skb;
    }

    @Test
    void anIpv4PingResolvesWithArpAndPutsLinuxsFramesOnTheWire() {
        List<dev.weir.pcap.CapturedPacket> linux = LinuxPackets.frames("/captures/ipv4-ping.pcap");
        byte[] request = linux.get(2).data();
        assertThat(a.ip.v4().send(icmpFrom(request, 20, 64), 0, 0x0a00_0002, IpProtocol.ICMP, 0, -1, Ipv4.PMTUDISC_DO, -1, 0, null))
                .isZero();
        net.run(10_000_000);
        assertThat(wire).hasSize(4);
        assertThat(wire.get(0)).as("ARP request").isEqualTo(Arrays.copyOf(linux.get(0).data(), 60));
        assertThat(wire.get(1)).as("ARP reply").isEqualTo(Arrays.copyOf(linux.get(1).data(), 60));
        assertThat(ignoringIdentification(wire.get(2))).as("echo request").isEqualTo(ignoringIdentification(request));
        assertThat(ignoringIdentification(wire.get(3))).as("echo reply").isEqualTo(ignoringIdentification(linux.get(3).data()));
        assertThat(replies).hasSize(1);
        assertThat(a.mib(Mib.IcmpInEchoReps)).isEqualTo(1);
        assertThat(b.mib(Mib.IcmpOutEchoReps)).isEqualTo(1);
    }

    /** Identification (IP bytes 4-5) is each stack's choice, and the header checksum with it. */
    private static byte[] ignoringIdentification(byte[] frame) {
        byte[] c = frame.clone();
        for (int i : new int[] {18, 19, 24, 25}) {
            c[i] = 0;
        }
        assertThat(Checksum.verifies(frame, 14, 20)).isTrue();
        return c;
    }

    @Test
    void anIpv6PingResolvesWithNdpAndPutsLinuxsFramesOnTheWire() {
        List<dev.weir.pcap.CapturedPacket> linux = LinuxPackets.frames("/captures/ipv6-ping.pcap");
        byte[] request = linux.get(2).data();
        Ipv6Address src = Ipv6Address.parse("fd00::1");
        Ipv6Address dst = Ipv6Address.parse("fd00::2");
        assertThat(a.ip.v6().send(icmpFrom(request, 40, 64), src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.ICMPV6, 0, 0, -1,
                Ipv6.PMTUDISC_DO, 0, null)).isZero();
        net.run(10_000_000);
        assertThat(wire).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ignoringFlowLabel(wire.get(i))).as("frame %d", i + 1).isEqualTo(ignoringFlowLabel(linux.get(i).data()));
        }
        assertThat(replies).hasSize(1);
        assertThat(b.mib(Mib.Icmp6InNeighborSolicits)).isEqualTo(1);
    }

    private static byte[] ignoringFlowLabel(byte[] frame) {
        byte[] c = frame.clone();
        c[15] &= (byte) 0xf0;
        c[16] = c[17] = 0;
        return c;
    }

    @Test
    void aPingToThisHostsOwnAddressGoesThroughLoopback() {
        byte[] request = LinuxPackets.frames("/captures/ipv4-ping.pcap").get(2).data();
        a.ip.v4().send(icmpFrom(request, 20, 64), 0, 0x0a00_0001, IpProtocol.ICMP, 0, -1, Ipv4.PMTUDISC_DO, -1, 0, null);
        net.run(10_000_000);
        assertThat(wire).isEmpty();
        assertThat(replies).hasSize(1);
        assertThat(a.lo.stats.txPackets).isEqualTo(2);
        assertThat(a.mib(Mib.IcmpInEchos)).isEqualTo(1);
    }

    @Test
    void aNextHopThatNeverAnswersArpTurnsIntoHostUnreachable() {
        List<String> errs = new ArrayList<>();
        a.ip.v4().register(IpProtocol.UDP, new IpProtocolHandler() {
            @Override
            public void rcv(SkBuff skb) {
                skb.consume();
            }

            @Override
            public void err(SkBuff skb, int type, int code, int info, int innerOffset) {
                errs.add(type + "/" + code);
            }
        });
        SkBuff skb = a.net.pool().alloc(12, SkBuff.MAX_HEADER);
        int at = skb.put(12);
        Bytes.put16(skb.buf(), at + 4, 12);
        a.ip.v4().send(skb, 0, 0x0a00_0063, IpProtocol.UDP);
        net.run(10_000_000_000L);
        assertThat(a.net.counters().drops(DropReason.NEIGH_FAILED)).isEqualTo(1);
        assertThat(errs).as("ipv4_link_failure: ICMP host unreachable to the sender, this host").containsExactly("3/1");
    }
}
