package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.IpProtocol;
import dev.weir.skb.SkBuff;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet paths allocate nothing (the hot-path rule): receive and local delivery, and
 * forwarding through a router, 20,000 packets each, allocate less than a byte per packet on this
 * thread, where one object per packet would be 320 kB.
 */
class IpAllocationTest {
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long perRound(int rounds, Runnable r) {
        for (int i = 0; i < 1000; i++) {
            r.run();
        }
        long before = allocated();
        for (int i = 0; i < rounds; i++) {
            r.run();
        }
        return allocated() - before;
    }

    @Test
    void receiveDeliverAndForwardAllocateNothingPerPacket() {
        IpTestNet net = new IpTestNet();
        IpTestNet.Host r = net.host("r");
        r.ns.pool().trackLeaks(false); // tracking records a stack trace per buffer
        IpTestNet.Dev eth0 = r.dev("eth0");
        IpTestNet.Dev eth1 = r.dev("eth1");
        eth1.record = false;
        r.ip("addr add 10.0.0.2/24 dev eth0");
        r.ip("addr add 10.0.2.254/24 dev eth1");
        r.sysctl("net.ipv4.ip_forward", "1");
        r.ip.v4().register(IpProtocol.UDP, SkBuff::consume);
        byte[] local = Ipv4InputTest.udp(Ipv4InputTest.A, Ipv4InputTest.B, 64, 64);
        byte[] through = Ipv4InputTest.udp(Ipv4InputTest.A, 0x0a00_0201, 64, 64);
        long bytes = perRound(20_000, () -> {
            SkBuff a = r.ns.pool().alloc(256, 80);
            a.putBytes(local, 0, local.length);
            r.receive(eth0, a);
            SkBuff b = r.ns.pool().alloc(256, 80);
            b.putBytes(through, 0, through.length);
            r.receive(eth0, b);
        });
        assertThat(r.ns.counters().get(dev.weir.core.Mib.IpForwDatagrams)).isEqualTo(21_000);
        assertThat(bytes).as("bytes for 40,000 packets").isLessThan(40_000);
    }

    @Test
    void ipv6ReceiveDeliverAndForwardAllocateNothingPerPacket() {
        IpTestNet net = new IpTestNet();
        IpTestNet.Host r = net.host("r");
        r.ns.pool().trackLeaks(false);
        IpTestNet.Dev eth0 = r.dev("eth0");
        IpTestNet.Dev eth1 = r.dev("eth1");
        eth1.record = false;
        r.ip("addr add fd00::2/64 dev eth0");
        r.ip("addr add fd02::fe/64 dev eth1");
        r.sysctl("net.ipv6.conf.all.forwarding", "1");
        r.ip.v6().register(IpProtocol.UDP, SkBuff::consume);
        byte[] local = Ipv6InputTest.packet(Ipv6InputTest.B, IpProtocol.UDP);
        byte[] through = Ipv6InputTest.packet(dev.weir.api.wire.Ipv6Address.parse("fd02::1"), IpProtocol.UDP);
        long bytes = perRound(20_000, () -> {
            SkBuff a = r.ns.pool().alloc(256, 80);
            a.putBytes(local, 0, local.length);
            r.receive(eth0, a);
            SkBuff b = r.ns.pool().alloc(256, 80);
            b.putBytes(through, 0, through.length);
            r.receive(eth0, b);
        });
        assertThat(r.ns.counters().get(dev.weir.core.Mib.Ip6OutForwDatagrams)).isEqualTo(21_000);
        assertThat(bytes).as("bytes for 40,000 packets").isLessThan(40_000);
    }
}
