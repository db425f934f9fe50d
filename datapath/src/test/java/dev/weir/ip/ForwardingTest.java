package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.route.Addr;
import dev.weir.skb.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IPv4 forwarding through a router, in the topology Linux's captures were made in
 * (dev/weir/ip/linux/README.md): A 10.0.1.1 -- eth0 10.0.1.254 R 10.0.2.254 eth1 -- 10.0.2.1 B,
 * the R-B link with MTU 1280.
 */
class ForwardingTest {
    static final int A = 0x0a00_0101;
    static final int R0 = 0x0a00_01fe;
    static final int B = 0x0a00_0201;

    private final IpTestNet net = new IpTestNet();
    private final IpTestNet.Host a = net.host("a");
    private final IpTestNet.Host r = net.host("r");
    private final IpTestNet.Host b = net.host("b");
    private final IpTestNet.Dev aEth = a.dev("eth0");
    private final IpTestNet.Dev rEth0 = r.dev("eth0");
    private final IpTestNet.Dev rEth1 = r.dev("eth1");
    private final IpTestNet.Dev bEth = b.dev("eth0");
    private final List<SkBuff> atB = new ArrayList<>();
    private final List<String> errsAtA = new ArrayList<>();

    ForwardingTest() {
        IpTestNet.connect(aEth, rEth0);
        IpTestNet.connect(rEth1, bEth);
        rEth1.setMtu(1280);
        bEth.setMtu(1280);
        a.ip("addr add 10.0.1.1/24 dev eth0");
        a.ip("route add default via 10.0.1.254");
        r.ip("addr add 10.0.1.254/24 dev eth0");
        r.ip("addr add 10.0.2.254/24 dev eth1");
        r.sysctl("net.ipv4.ip_forward", "1");
        b.ip("addr add 10.0.2.1/24 dev eth0");
        b.ip("route add default via 10.0.2.254");
        b.ip.v4().register(IpProtocol.UDP, atB::add);
        a.ip.v4().register(IpProtocol.UDP, new IpProtocolHandler() {
            @Override
            public void rcv(SkBuff skb) {
                skb.consume();
            }

            @Override
            public void err(SkBuff skb, int type, int code, int info, int innerOffset) {
                errsAtA.add(type + "/" + code + "/" + info + " about " + Ipv4Address.toString(Bytes.i32(skb.buf(), skb.data() + 16)));
            }
        });
    }

    @AfterEach
    void nothingLeaks() {
        atB.forEach(SkBuff::consume);
        net.assertNoLeaks();
    }

    /** A UDP datagram of {@code payload} bytes from A to B sent through A's stack. */
    private int sendUdp(int payload, int ttl, int pmtudisc) {
        SkBuff skb = a.ns.pool().alloc(8 + payload, SkBuff.MAX_HEADER);
        int at = skb.put(8 + payload);
        byte[] bb = skb.buf();
        Bytes.put16(bb, at, 40000);
        Bytes.put16(bb, at + 2, 9);
        Bytes.put16(bb, at + 4, 8 + payload);
        return a.ip.v4().send(skb, 0, B, IpProtocol.UDP, 0, ttl, pmtudisc, -1, 0, null);
    }

    private static byte[] withoutIdAndChecksum(byte[] p) {
        byte[] c = p.clone();
        c[4] = c[5] = c[10] = c[11] = 0;
        return c;
    }

    @Test
    void aDatagramIsForwardedWithItsTtlDecrementedRfc1812Section5_3_1() {
        assertThat(sendUdp(10, -1, Ipv4.PMTUDISC_DONT)).isZero();
        net.run(1_000_000);
        assertThat(atB).hasSize(1);
        byte[] seen = bEth.sent.isEmpty() ? rEth1.last() : null;
        assertThat(seen[8] & 0xff).isEqualTo(63);
        assertThat(Checksum.verifies(seen, 0, 20)).as("checksum updated with the TTL").isTrue();
        assertThat(r.mib(Mib.IpForwDatagrams)).isEqualTo(1);
        assertThat(r.mib(Mib.IpInDelivers)).isZero();
        assertThat(b.mib(Mib.IpInDelivers)).isEqualTo(1);
    }

    @Test
    void ttlExpiryAnswersTimeExceededAsLinuxRfc1812Section5_3_1() {
        byte[] req = LinuxPackets.icmpCapture("ttl4", 1);
        byte[] linux = LinuxPackets.icmpCapture("ttl4", 2);
        rEth0.deliver = false;
        r.inject(rEth0, req);
        assertThat(r.mib(Mib.IpInHdrErrors)).isEqualTo(1);
        assertThat(r.drops(DropReason.IP_TTL_EXPIRED)).isEqualTo(1);
        assertThat(rEth0.sent).hasSize(1);
        assertThat(withoutIdAndChecksum(rEth0.last())).isEqualTo(withoutIdAndChecksum(Arrays.copyOf(linux, Bytes.u16(linux, 2))));
        assertThat(rEth1.sent).isEmpty();
        assertThat(r.mib(Mib.IcmpOutTimeExcds)).isEqualTo(1);
    }

    @Test
    void dontFragmentAndTooBigAnswersFragmentationNeededWithTheNextHopMtuAsLinuxRfc1191() {
        byte[] req = LinuxPackets.icmpCapture("fragneeded4", 1);
        byte[] linux = LinuxPackets.icmpCapture("fragneeded4", 2);
        rEth0.deliver = false;
        r.inject(rEth0, req);
        assertThat(r.mib(Mib.IpFragFails)).isEqualTo(1);
        assertThat(r.drops(DropReason.PKT_TOO_BIG)).isEqualTo(1);
        assertThat(withoutIdAndChecksum(rEth0.last())).isEqualTo(withoutIdAndChecksum(Arrays.copyOf(linux, Bytes.u16(linux, 2))));
    }

    @Test
    void theSenderLearnsThePathMtuFromFragmentationNeeded() {
        assertThat(a.routing.pmtu(Addr.V4, 0, Addr.v4(B))).isEqualTo(1500);
        assertThat(sendUdp(1300, -1, Ipv4.PMTUDISC_DO)).isZero();
        net.run(1_000_000);
        assertThat(atB).isEmpty();
        assertThat(a.routing.pmtu(Addr.V4, 0, Addr.v4(B))).isEqualTo(1280);
        assertThat(errsAtA).containsExactly("3/4/1280 about 10.0.2.1");
        assertThat(a.mib(Mib.IcmpInDestUnreachs)).isEqualTo(1);
        // Now the socket's own check refuses it, and DF datagrams that fit get through.
        assertThat(sendUdp(1300, -1, Ipv4.PMTUDISC_DO)).isEqualTo(-Ipv4.EMSGSIZE);
        assertThat(sendUdp(1200, -1, Ipv4.PMTUDISC_DO)).isZero();
        net.run(1_000_000);
        assertThat(atB).hasSize(1);
    }

    @Test
    void withPmtuDiscoveryWantABigDatagramGoesOutInFragmentsAndIsReassembled() {
        a.routing.learnPmtu4(B, 1280);
        assertThat(sendUdp(4000, -1, Ipv4.PMTUDISC_WANT)).isZero();
        net.run(1_000_000);
        assertThat(aEth.sent).hasSize(4);
        for (byte[] f : aEth.sent) {
            assertThat(f.length).isLessThanOrEqualTo(1280);
            assertThat(Bytes.u16(f, 6) & 0x4000).as("no DF on a datagram that does not fit").isZero();
        }
        assertThat(a.mib(Mib.IpFragCreates)).isEqualTo(4);
        assertThat(atB).hasSize(1);
        assertThat(atB.get(0).len()).isEqualTo(4008);
        assertThat(b.mib(Mib.IpReasmOKs)).isEqualTo(1);
        assertThat(r.mib(Mib.IpForwDatagrams)).as("routers forward fragments as they are").isEqualTo(4);
    }

    @Test
    void aRouterFragmentsADatagramWithoutDfForTheSmallerNextHop() {
        assertThat(sendUdp(1400, -1, Ipv4.PMTUDISC_DONT)).isZero();
        net.run(1_000_000);
        assertThat(aEth.sent).hasSize(1);
        assertThat(rEth1.sent).hasSize(2);
        assertThat(r.mib(Mib.IpFragOKs)).isEqualTo(1);
        assertThat(r.mib(Mib.IpFragCreates)).isEqualTo(2);
        assertThat(atB).hasSize(1);
    }

    @Test
    void aRouterWithoutARouteAnswersNetUnreachableLimitedPerSource() {
        // ip_error's bucket (cost 1 s, burst 5 s) and icmp_send's (1 s, burst 6 s) are the same
        // inet_peer fields in Linux, so each unreachable costs the source's peer 2 s of tokens:
        // of the 5 s ip_error allows, two go at once; a source that keeps sending every second
        // then gets none (ip_error takes each second's token first); after 2 s of quiet, one.
        byte[] p = Ipv4InputTest.udp(A, 0x0b00_0001, 64, 4);
        rEth0.deliver = false;
        for (int i = 0; i < 8; i++) {
            r.inject(rEth0, p);
        }
        assertThat(r.mib(Mib.IpExtInNoRoutes)).isEqualTo(8);
        assertThat(r.drops(DropReason.IP_INNOROUTES)).isEqualTo(8);
        assertThat(rEth0.sent).hasSize(2);
        assertThat(r.mib(Mib.IcmpOutRateLimitHost)).isEqualTo(1);
        byte[] e = rEth0.last();
        assertThat(e[20]).isEqualTo((byte) Icmpv4Packet.DEST_UNREACHABLE);
        assertThat(e[21]).isEqualTo((byte) Icmpv4Packet.UNREACH_NET);
        assertThat(Bytes.i32(e, 12)).as("from the router's address towards the sender").isEqualTo(R0);
        net.run(1_000_000_000L);
        r.inject(rEth0, p);
        assertThat(rEth0.sent).hasSize(2);
        net.run(2_000_000_000L);
        r.inject(rEth0, p);
        assertThat(rEth0.sent).hasSize(3);
    }

    @Test
    void unreachableAndProhibitRoutesAnswerHostUnreachableAndAdministrativelyProhibited() {
        r.ip("route add unreachable 10.5.0.0/16");
        r.ip("route add prohibit 10.6.0.0/16");
        r.ip("route add blackhole 10.7.0.0/16");
        rEth0.deliver = false;
        r.inject(rEth0, Ipv4InputTest.udp(A, 0x0a05_0001, 64, 4));
        r.inject(rEth0, Ipv4InputTest.udp(A, 0x0a06_0001, 64, 4));
        r.inject(rEth0, Ipv4InputTest.udp(A, 0x0a07_0001, 64, 4));
        assertThat(rEth0.sent).hasSize(2);
        assertThat(rEth0.sent.get(0)[21]).isEqualTo((byte) Icmpv4Packet.UNREACH_HOST);
        assertThat(rEth0.sent.get(1)[21]).isEqualTo((byte) Icmpv4Packet.UNREACH_ADMIN_PROHIBITED);
    }

    @Test
    void withForwardingOffTheRouterIsAHost() {
        r.sysctl("net.ipv4.ip_forward", "0");
        assertThat(r.ns.sysctls().get("net.ipv4.conf.eth0.forwarding")).isEqualTo("0");
        sendUdp(10, -1, Ipv4.PMTUDISC_DONT);
        net.run(1_000_000);
        assertThat(atB).isEmpty();
        assertThat(r.mib(Mib.IpInAddrErrors)).isEqualTo(1);
        assertThat(rEth0.sent).isEmpty();
    }

    /** 10.9.0.0/16 is behind A (route via eth0); a packet from it arriving on eth1 came the wrong way. */
    private void spoofedFromEth1() {
        r.ip("route add 10.9.0.0/16 via 10.0.1.1");
        bEth.deliver = false;
        byte[] p = Ipv4InputTest.udp(0x0a09_0005, A, 64, 4);
        r.inject(rEth1, p);
        net.run(1_000_000);
    }

    @Test
    void strictReversePathFilteringDropsAPacketFromTheWrongInterfaceRfc3704Section2_2() {
        r.sysctl("net.ipv4.conf.eth1.rp_filter", "1");
        spoofedFromEth1();
        assertThat(r.drops(DropReason.IP_RPFILTER)).isEqualTo(1);
        assertThat(r.mib(Mib.TcpExtIPReversePathFilter)).isEqualTo(1);
        assertThat(rEth0.sent).isEmpty();
    }

    @Test
    void looseReversePathFilteringOnlyNeedsSomeRouteBackRfc3704Section2_4() {
        r.sysctl("net.ipv4.conf.eth1.rp_filter", "2");
        spoofedFromEth1();
        assertThat(r.drops(DropReason.IP_RPFILTER)).isZero();
        assertThat(rEth0.sent).hasSize(1);
        byte[] p = Ipv4InputTest.udp(0x0c00_0005, A, 64, 4); // no route back at all
        r.inject(rEth1, p);
        assertThat(r.drops(DropReason.IP_RPFILTER)).isEqualTo(1);
    }

    @Test
    void theLargerOfAllAndTheDeviceRpFilterApplies() {
        r.sysctl("net.ipv4.conf.eth1.rp_filter", "1");
        r.sysctl("net.ipv4.conf.all.rp_filter", "2");
        spoofedFromEth1();
        assertThat(r.drops(DropReason.IP_RPFILTER)).as("max(2, 1) is loose").isZero();
        r.sysctl("net.ipv4.conf.all.rp_filter", "0");
        r.inject(rEth1, Ipv4InputTest.udp(0x0a09_0006, A, 64, 4));
        assertThat(r.drops(DropReason.IP_RPFILTER)).as("max(0, 1) is strict").isEqualTo(1);
    }

    @Test
    void aHostReassemblesAFourThousandBytePingAndItsReplyComesBackInFragments() {
        List<SkBuff> replies = new ArrayList<>();
        a.ip.v4().icmp().setPingHandler(replies::add);
        SkBuff echo = a.ns.pool().alloc(4008, SkBuff.MAX_HEADER);
        int at = echo.put(4008);
        byte[] eb = echo.buf();
        eb[at] = 8;
        Bytes.put16(eb, at + 4, 0x1234);
        Bytes.put16(eb, at + 6, 1);
        for (int i = 8; i < 4008; i++) {
            eb[at + i] = (byte) i;
        }
        Bytes.put16(eb, at + 2, Checksum.internet(eb, at, 4008));
        b.ip("route add 10.0.1.0/24 via 10.0.2.254");
        rEth1.setMtu(1500);
        bEth.setMtu(1500);
        assertThat(a.ip.v4().send(echo, 0, B, IpProtocol.ICMP, 0, -1, Ipv4.PMTUDISC_DONT, -1, 0, null)).isZero();
        net.run(10_000_000);
        assertThat(aEth.sent).as("4028 bytes over MTU 1500: three fragments").hasSize(3);
        assertThat(b.mib(Mib.IpReasmOKs)).isEqualTo(1);
        assertThat(b.mib(Mib.IcmpOutEchoReps)).isEqualTo(1);
        assertThat(bEth.sent).hasSize(3);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).len()).isEqualTo(4008);
        assertThat(a.mib(Mib.IpReasmOKs)).isEqualTo(1);
        replies.forEach(SkBuff::consume);
    }
}
