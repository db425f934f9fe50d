package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.Ipv6Address;
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
 * IPv6 forwarding in the topology of Linux's captures: A fd01::1 -- fd01::fe R fd02::fe --
 * fd02::1 B, the R-B link with MTU 1280.
 */
class Ipv6ForwardingTest {
    static final Ipv6Address A = Ipv6Address.parse("fd01::1");
    static final Ipv6Address B = Ipv6Address.parse("fd02::1");

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

    Ipv6ForwardingTest() {
        IpTestNet.connect(aEth, rEth0);
        IpTestNet.connect(rEth1, bEth);
        rEth1.setMtu(1280);
        bEth.setMtu(1280);
        a.ip("addr add fd01::1/64 dev eth0");
        a.ip("-6 route add default via fd01::fe");
        r.ip("addr add fd01::fe/64 dev eth0");
        r.ip("addr add fd02::fe/64 dev eth1");
        r.sysctl("net.ipv6.conf.all.forwarding", "1");
        b.ip("addr add fd02::1/64 dev eth0");
        b.ip("-6 route add default via fd02::fe");
        b.ip.v6().register(IpProtocol.UDP, atB::add);
        a.ip.v6().register(IpProtocol.UDP, new IpProtocolHandler() {
            @Override
            public void rcv(SkBuff skb) {
                skb.consume();
            }

            @Override
            public void err(SkBuff skb, int type, int code, int info, int innerOffset) {
                errsAtA.add(type + "/" + code + "/" + info + " inner at " + innerOffset);
            }
        });
    }

    @AfterEach
    void nothingLeaks() {
        atB.forEach(SkBuff::consume);
        net.assertNoLeaks();
    }

    private int sendUdp(int payload, int pmtudisc) {
        SkBuff skb = a.ns.pool().alloc(8 + payload, SkBuff.MAX_HEADER);
        int at = skb.put(8 + payload);
        Bytes.put16(skb.buf(), at + 4, 8 + payload);
        return a.ip.v6().send(skb, 0, 0, B.hi(), B.lo(), IpProtocol.UDP, 0, 0, -1, pmtudisc, 0, null);
    }

    /** Everything but the flow label, which each stack picks its own way. */
    private static byte[] withoutFlowLabel(byte[] p) {
        byte[] c = p.clone();
        c[1] &= (byte) 0xf0;
        c[2] = c[3] = 0;
        return c;
    }

    @Test
    void aPacketIsForwardedWithItsHopLimitDecremented() {
        assertThat(sendUdp(10, Ipv6.PMTUDISC_DONT)).isZero();
        net.run(1_000_000);
        assertThat(atB).hasSize(1);
        assertThat(rEth1.last()[7] & 0xff).isEqualTo(63);
        assertThat(r.mib(Mib.Ip6OutForwDatagrams)).isEqualTo(1);
    }

    @Test
    void hopLimitExhaustionAnswersTimeExceededAsLinuxRfc8200Section3() {
        byte[] req = LinuxPackets.icmpCapture("hoplimit6", 1);
        byte[] linux = LinuxPackets.icmpCapture("hoplimit6", 2);
        rEth0.deliver = false;
        r.inject(rEth0, req);
        assertThat(withoutFlowLabel(rEth0.last())).isEqualTo(withoutFlowLabel(Arrays.copyOf(linux, 40 + Bytes.u16(linux, 4))));
        assertThat(r.mib(Mib.Ip6InHdrErrors)).isEqualTo(1);
        assertThat(r.drops(DropReason.IP_TTL_EXPIRED)).isEqualTo(1);
    }

    @Test
    void tooBigForTheNextHopAnswersPacketTooBigAsLinuxRfc8201() {
        byte[] req = LinuxPackets.icmpCapture("ptb6", 1);
        byte[] linux = LinuxPackets.icmpCapture("ptb6", 2);
        rEth0.deliver = false;
        r.inject(rEth0, req);
        assertThat(withoutFlowLabel(rEth0.last())).isEqualTo(withoutFlowLabel(Arrays.copyOf(linux, 40 + Bytes.u16(linux, 4))));
        assertThat(r.mib(Mib.Ip6InTooBigErrors)).isEqualTo(1);
        assertThat(r.mib(Mib.Ip6FragFails)).isEqualTo(1);
        assertThat(rEth1.sent).as("routers never fragment IPv6").isEmpty();
    }

    @Test
    void theSenderLearnsThePathMtuFromPacketTooBigAndThenFragmentsItself() {
        assertThat(sendUdp(1300, Ipv6.PMTUDISC_WANT)).isZero();
        net.run(1_000_000);
        assertThat(a.routing.pmtu(Addr.V6, B.hi(), B.lo())).isEqualTo(1280);
        assertThat(errsAtA).containsExactly("2/0/1280 inner at 40");
        assertThat(sendUdp(1300, Ipv6.PMTUDISC_DO)).isEqualTo(-Ipv4.EMSGSIZE);
        assertThat(sendUdp(1300, Ipv6.PMTUDISC_WANT)).isZero();
        net.run(1_000_000);
        assertThat(atB).hasSize(1);
        assertThat(a.mib(Mib.Ip6FragCreates)).isEqualTo(2);
        assertThat(b.mib(Mib.Ip6ReasmOKs)).isEqualTo(1);
    }

    @Test
    void withForwardingOffARouterIsAHost() {
        r.sysctl("net.ipv6.conf.all.forwarding", "0");
        sendUdp(10, Ipv6.PMTUDISC_DONT);
        net.run(1_000_000);
        assertThat(atB).isEmpty();
        assertThat(r.mib(Mib.Ip6InAddrErrors)).isEqualTo(1);
        assertThat(r.drops(DropReason.IP_INADDRERRORS)).isEqualTo(1);
    }

    @Test
    void aLinkLocalSourceIsNotForwardedRfc4443Section3_1() {
        byte[] p = Ipv6InputTest.packet(B, IpProtocol.UDP);
        Ipv6Address ll = Ipv6Address.parse("fe80::1");
        Bytes.put64(p, 8, ll.hi());
        Bytes.put64(p, 16, ll.lo());
        rEth0.deliver = false;
        r.inject(rEth0, p);
        byte[] e = rEth0.last();
        assertThat(e[40]).isEqualTo((byte) Icmpv6Packet.DEST_UNREACHABLE);
        assertThat(e[41]).isEqualTo((byte) Icmpv6Packet.UNREACH_BEYOND_SCOPE);
        assertThat(rEth1.sent).isEmpty();
    }

    @Test
    void aFourThousandBytePingIsFragmentedAtTheSourceAndItsReplyReassembled() {
        rEth1.setMtu(1500);
        bEth.setMtu(1500);
        List<SkBuff> replies = new ArrayList<>();
        a.ip.v6().icmp().setPingHandler(replies::add);
        SkBuff echo = a.ns.pool().alloc(4008, SkBuff.MAX_HEADER);
        int at = echo.put(4008);
        byte[] eb = echo.buf();
        eb[at] = (byte) Icmpv6Packet.ECHO_REQUEST;
        for (int i = 8; i < 4008; i++) {
            eb[at + i] = (byte) i;
        }
        long s = Checksum.pseudoHeaderV6(A.hi(), A.lo(), B.hi(), B.lo(), IpProtocol.ICMPV6, 4008);
        Bytes.put16(eb, at + 2, Checksum.finish(Checksum.add(s, eb, at, 4008)));
        assertThat(a.ip.v6().send(echo, A.hi(), A.lo(), B.hi(), B.lo(), IpProtocol.ICMPV6, 0, 0, -1, Ipv6.PMTUDISC_DONT, 0, null)).isZero();
        net.run(10_000_000);
        assertThat(aEth.sent).hasSize(3);
        assertThat(Arrays.stream(aEth.sent.toArray(new byte[0][])).mapToInt(f -> f.length)).containsExactly(1496, 1496, 1160);
        assertThat(b.mib(Mib.Icmp6OutEchoReplies)).isEqualTo(1);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).len()).isEqualTo(4008);
        replies.forEach(SkBuff::consume);
    }
}
