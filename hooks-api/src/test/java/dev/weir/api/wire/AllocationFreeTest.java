package dev.weir.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The views and walkers allocate nothing per packet (the hot-path rule): wrapping, reading and
 * rewriting the Linux captures ten thousand times allocates less than a byte per round on this
 * thread (the JIT and the allocation counter itself take a little), where one 16-byte object
 * per call would be 160 kilobytes.
 */
class AllocationFreeTest {
    private static final int ROUNDS = 10_000;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long allocatedBy(Runnable r) {
        r.run(); // warm-up: class loading and first-call work are not per packet
        r.run();
        long before = allocated();
        for (int i = 0; i < ROUNDS; i++) {
            r.run();
        }
        return allocated() - before;
    }

    @Test
    void ipv4ViewOptionsAndIcmp() {
        byte[] rr = LinuxCaptures.l3("rr4", 1);
        byte[] unreach = LinuxCaptures.l3("fragneeded4", 2);
        byte[] arp = LinuxCaptures.l3("arp", 1);
        Ipv4Packet ip = new Ipv4Packet();
        Ipv4Options opts = new Ipv4Options();
        Icmpv4Packet icmp = new Icmpv4Packet();
        ArpPacket a = new ArpPacket();
        long[] sink = new long[1];
        long bytes = allocatedBy(() -> {
            ip.wrap(rr, 0, rr.length);
            opts.reset(ip);
            while (opts.next()) {
                sink[0] += opts.type() + opts.dataLength();
            }
            ip.setTtl(ip.ttl());
            ip.setSrc(ip.src());
            sink[0] += ip.payloadLength() + ip.protocol();
            ip.wrap(unreach, 0, unreach.length);
            icmp.wrap(unreach, ip.payloadOffset(), ip.payloadLength());
            sink[0] += icmp.nextHopMtu();
            ip.wrapQuoted(unreach, icmp.dataOffset(), icmp.dataLength());
            sink[0] += ip.dst();
            a.wrap(arp, 0, arp.length);
            sink[0] += a.targetIp();
        });
        assertThat(sink[0]).isNotZero();
        assertThat(bytes).isLessThan(ROUNDS);
    }

    @Test
    void ipv6ViewWalkerAndIcmpv6() {
        byte[] ra = LinuxCaptures.l3("ra6", 1);
        byte[] mld = LinuxCaptures.l3("linkup", 1);
        byte[] frag = LinuxCaptures.l3("frag6", 2);
        Ipv6Packet ip = new Ipv6Packet();
        Ipv6ExtHeaders ext = new Ipv6ExtHeaders();
        Icmpv6Packet icmp = new Icmpv6Packet();
        long[] sink = new long[1];
        long bytes = allocatedBy(() -> {
            ip.wrap(mld, 0, mld.length);
            ext.walk(ip);
            sink[0] += ext.routerAlert() + ext.upperLayerOffset();
            ip.wrap(frag, 0, frag.length);
            ext.walk(ip);
            sink[0] += ext.fragmentIdentification() + ext.fragmentOffset();
            ip.wrap(ra, 0, ra.length);
            ext.walk(ip);
            icmp.wrap(ra, ext.upperLayerOffset(), ext.upperLayerLength(), ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo());
            sink[0] += icmp.sourceLinkLayerAddress() + icmp.mtuOption() + icmp.raRouterLifetime();
        });
        assertThat(sink[0]).isNotZero();
        assertThat(bytes).isLessThan(ROUNDS);
    }
}
