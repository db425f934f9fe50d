package dev.weir.udp;

import static dev.weir.socket.SockOpt.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.link.LinkConfig;
import dev.weir.socket.Errno;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.testing.StackHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ping sockets (net/ipv4/ping.c): identifiers, echo replies by identifier, fragmentation of large echoes, permission. */
class PingSocketTest {
    private static final long MS = 1_000_000L;

    final StackHosts net = new StackHosts(6);
    final StackHosts.Host a = net.host("a");
    final StackHosts.Host b = net.host("b");

    PingSocketTest() {
        net.connect(a, "eth0", "10.0.0.1/24,fd00::1/64", b, "eth0", "10.0.0.2/24,fd00::2/64", LinkConfig.DEFAULT);
    }

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    static byte[] echo(int type, int seq, int dataLen) {
        byte[] m = new byte[8 + dataLen];
        m[0] = (byte) type;
        Bytes.put16(m, 6, seq);
        for (int i = 0; i < dataLen; i++) {
            m[8 + i] = (byte) i;
        }
        return m;
    }

    @Test
    void theSocketPutsItsIdentifierAndChecksumInAndGetsTheReplyForIt() {
        PingSock p = a.ping.socket(SockAddr.AF_INET);
        assertThat(p.bind(SockAddr.parse("0.0.0.0:4242"))).isZero();
        byte[] m = echo(8, 7, 56);
        assertThat(p.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:0"))).isEqualTo(64);
        assertThat(a.mib(Mib.IcmpOutEchos)).isEqualTo(1);
        net.run(5 * MS);
        assertThat(b.mib(Mib.IcmpInEchos)).isEqualTo(1);
        byte[] r = new byte[200];
        RecvInfo info = new RecvInfo();
        p.setsockopt(SOL_IP, IP_RECVTTL, 1);
        assertThat(p.recvfrom(r, 0, r.length, 0, info)).isEqualTo(64);
        assertThat(r[0]).isZero(); // echo reply
        assertThat(Bytes.u16(r, 4)).isEqualTo(4242);
        assertThat(Bytes.u16(r, 6)).isEqualTo(7);
        assertThat(info.from()).isEqualTo(SockAddr.v4("10.0.0.2", 0));
        assertThat(info.ttl()).isEqualTo(64);
        // only echo requests may be sent
        byte[] bad = echo(13, 1, 0);
        assertThat(p.sendto(bad, 0, bad.length, 0, SockAddr.parse("10.0.0.2:0"))).isEqualTo(-Errno.EINVAL);
        assertThat(p.sendto(m, 0, 7, 0, SockAddr.parse("10.0.0.2:0"))).isEqualTo(-Errno.EINVAL);
        assertThat(p.sendto(m, 0, m.length, 0, SockAddr.parse("[fd00::2]:0"))).isEqualTo(-Errno.EAFNOSUPPORT);
    }

    @Test
    void identifiersAreTakenInTurnAndAReplyForNoSocketIsDropped() {
        PingSock p1 = a.ping.socket(SockAddr.AF_INET);
        PingSock p2 = a.ping.socket(SockAddr.AF_INET);
        byte[] m = echo(8, 1, 8);
        p1.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:0"));
        p2.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:0"));
        assertThat(p2.localPort()).isEqualTo(p1.localPort() == 0xffff ? 1 : p1.localPort() + 1);
        PingSock same = a.ping.socket(SockAddr.AF_INET);
        assertThat(same.bind(SockAddr.parse("0.0.0.0:" + p1.localPort()))).isEqualTo(-Errno.EADDRINUSE);
        p1.close();
        net.run(5 * MS);
        assertThat(a.drops(DropReason.NO_SOCKET)).isEqualTo(1); // p1's reply
        assertThat(p2.recv(new byte[64], 0, 64, 0)).isEqualTo(16);
    }

    /** A 4000-byte echo over MTU 1500 leaves in three fragments (IP_PMTUDISC_WANT lets the source fragment) and comes back whole. */
    @Test
    void aLargeEchoIsFragmentedAndReassembled() {
        net.recordFrames = true;
        PingSock p = a.ping.socket(SockAddr.AF_INET);
        byte[] m = echo(8, 1, 4000);
        assertThat(p.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:0"))).isEqualTo(4008);
        net.run(10 * MS);
        long fragmentsToB = net.frames.stream().filter(f -> Bytes.u16(f, 12) == 0x0800 && Bytes.i32(f, 30) == 0x0a00_0002).count();
        assertThat(fragmentsToB).isEqualTo(3);
        assertThat(a.mib(Mib.IpFragCreates)).isEqualTo(3);
        assertThat(b.mib(Mib.IpReasmOKs)).isEqualTo(1);
        byte[] r = new byte[5000];
        assertThat(p.recv(r, 0, r.length, 0)).isEqualTo(4008);
        for (int i = 0; i < 4000; i++) {
            assertThat(r[8 + i]).isEqualTo((byte) i);
        }
        // with IP_PMTUDISC_DO it is refused at once
        p.setsockopt(SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO);
        assertThat(p.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:0"))).isEqualTo(-Errno.EMSGSIZE);
    }

    @Test
    void icmpv6EchoesToo() {
        PingSock p = a.ping.socket(SockAddr.AF_INET6);
        byte[] m = echo(128, 3, 16);
        assertThat(p.sendto(m, 0, m.length, 0, SockAddr.parse("[fd00::2]:0"))).isEqualTo(24);
        assertThat(a.mib(Mib.Icmp6OutEchos)).isEqualTo(1);
        net.run(5 * MS);
        byte[] r = new byte[64];
        RecvInfo info = new RecvInfo();
        p.setsockopt(SOL_IPV6, IPV6_RECVHOPLIMIT, 1);
        assertThat(p.recvfrom(r, 0, r.length, 0, info)).isEqualTo(24);
        assertThat(r[0] & 0xff).isEqualTo(129);
        assertThat(info.from()).isEqualTo(SockAddr.parse("[fd00::2]:0"));
        assertThat(info.ttl()).isEqualTo(64);
    }

    @Test
    void pingGroupRangeDecidesWhoMayOpenOne() {
        assertThat(a.ping.checkCreate()).isZero();
        a.sysctl("net.ipv4.ping_group_range", "1 0"); // Linux's default: nobody
        assertThat(a.ping.checkCreate()).isEqualTo(-Errno.EACCES);
    }
}
