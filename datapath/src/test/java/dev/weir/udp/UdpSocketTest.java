package dev.weir.udp;

import static dev.weir.socket.SockOpt.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.Features;
import dev.weir.core.Mib;
import dev.weir.link.LinkConfig;
import dev.weir.socket.Epoll;
import dev.weir.socket.Errno;
import dev.weir.socket.OptVal;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.socket.SockListener;
import dev.weir.testing.StackHosts;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UDP socket behaviour on real hosts: what udp_sendmsg and udp_recvmsg do with their flags and
 * limits, SO_REUSEPORT spreading, broadcast, send-buffer exhaustion, checksums on the wire, and
 * the CPU the receive path charges.
 */
class UdpSocketTest {
    private static final long MS = 1_000_000L;

    final StackHosts net = new StackHosts(4);
    final StackHosts.Host a = net.host("a");
    final StackHosts.Host b = net.host("b");

    UdpSocketTest() {
        net.connect(a, "eth0", "10.0.0.1/24,fd00::1/64", b, "eth0", "10.0.0.2/24,fd00::2/64",
                LinkConfig.builder().rate("100mbit").build());
    }

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    UdpSock server(String bind) {
        UdpSock s = b.udp.socket(bind.startsWith("[") ? SockAddr.AF_INET6 : SockAddr.AF_INET);
        assertThat(s.bind(SockAddr.parse(bind))).isZero();
        return s;
    }

    @Test
    void sendLimitsAndFlags() {
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        byte[] big = new byte[70000];
        assertThat(c.sendto(big, 0, 65508, 0, SockAddr.parse("10.0.0.2:9"))).isEqualTo(-Errno.EMSGSIZE);
        assertThat(c.sendto(big, 0, 65536, 0, SockAddr.parse("10.0.0.2:9"))).isEqualTo(-Errno.EMSGSIZE);
        assertThat(c.sendto(big, 0, 1, MSG_OOB, SockAddr.parse("10.0.0.2:9"))).isEqualTo(-Errno.EOPNOTSUPP);
        assertThat(c.sendto(big, 0, 1, 0, SockAddr.parse("10.0.0.2:0"))).isEqualTo(-Errno.EINVAL);
        assertThat(c.send(big, 0, 1, 0)).isEqualTo(-Errno.EDESTADDRREQ);
        assertThat(c.sendto(big, 0, 1, 0, SockAddr.parse("[fd00::2]:9"))).isEqualTo(-Errno.EAFNOSUPPORT);
        assertThat(c.sendto(big, 0, 1, 0, SockAddr.parse("192.168.9.9:9"))).isEqualTo(-Errno.ENETUNREACH);
        assertThat(a.mib(Mib.IpOutNoRoutes)).isEqualTo(1);
        UdpSock c6 = a.udp.socket(SockAddr.AF_INET6);
        assertThat(c6.sendto(big, 0, 65528, 0, SockAddr.parse("[fd00::2]:9"))).isEqualTo(-Errno.EMSGSIZE);
        // the largest datagrams go, fragmented (DF clear: WANT only sets DF on what fits)
        UdpSock s = server("0.0.0.0:7");
        s.setsockopt(SOL_SOCKET, SO_RCVBUF, 1 << 20);
        assertThat(c.sendto(big, 0, 65507, 0, SockAddr.parse("10.0.0.2:7"))).isEqualTo(65507);
        net.run(20 * MS);
        assertThat(s.recv(big, 0, big.length, 0)).isEqualTo(65507);
        assertThat(b.mib(Mib.IpReasmOKs)).isEqualTo(1);
        assertThat(a.mib(Mib.IpFragCreates)).isEqualTo(45);
    }

    @Test
    void pmtudiscDoRefusesWhatDoesNotFitAndQueuesALocalError() {
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        c.setsockopt(SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO);
        c.setsockopt(SOL_IP, IP_RECVERR, 1);
        byte[] d = new byte[2000];
        assertThat(c.sendto(d, 0, 1473, 0, SockAddr.parse("10.0.0.2:7"))).isEqualTo(-Errno.EMSGSIZE);
        assertThat(c.sendto(d, 0, 1472, 0, SockAddr.parse("10.0.0.2:7"))).isEqualTo(1472);
        RecvInfo info = new RecvInfo();
        assertThat(c.recvfrom(d, 0, d.length, MSG_ERRQUEUE, info)).isZero();
        assertThat(info.error().origin()).isEqualTo(SO_EE_ORIGIN_LOCAL);
        assertThat(info.error().errno()).isEqualTo(Errno.EMSGSIZE);
        assertThat(info.error().info()).isEqualTo(1500);
        assertThat(info.from()).isEqualTo(SockAddr.v4("10.0.0.2", 0)); // inet_dport: the socket is not connected
        OptVal v = new OptVal();
        c.connect(SockAddr.parse("10.0.0.2:7"));
        assertThat(c.getsockopt(SOL_IP, IP_MTU, v)).isZero();
        assertThat(v.intValue()).isEqualTo(1500);
    }

    @Test
    void peekTruncAndDontwait() {
        UdpSock s = server("10.0.0.2:53");
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        byte[] msg = "0123456789".getBytes();
        c.sendto(msg, 0, msg.length, 0, SockAddr.parse("10.0.0.2:53"));
        net.run(5 * MS);
        byte[] buf = new byte[4];
        RecvInfo info = new RecvInfo();
        assertThat(s.inq()).isEqualTo(10);
        assertThat(s.recvfrom(buf, 0, 4, MSG_PEEK, info)).isEqualTo(4);
        assertThat(info.flags() & MSG_TRUNC).isNotZero();
        assertThat(s.recvfrom(buf, 0, 4, MSG_PEEK | MSG_TRUNC, info)).isEqualTo(10); // the real length
        assertThat(b.mib(Mib.UdpInDatagrams)).isZero();
        assertThat(s.recvfrom(buf, 0, 4, 0, info)).isEqualTo(4);
        assertThat(new String(buf)).isEqualTo("0123");
        assertThat(s.recv(buf, 0, 4, MSG_DONTWAIT)).isEqualTo(-Errno.EAGAIN);
        s.setNonBlocking(true);
        assertThat(s.recv(buf, 0, 4, 0)).isEqualTo(-Errno.EAGAIN);
        assertThat(s.shutdown(SHUT_RD)).isEqualTo(-Errno.ENOTCONN); // unconnected, but recorded
        assertThat(s.recv(buf, 0, 4, 0)).isZero();
        assertThat(s.poll() & Epoll.EPOLLRDHUP).isNotZero();
    }

    @Test
    void aConnectedSocketTakesOnlyItsPeer() {
        UdpSock conn = b.udp.socket(SockAddr.AF_INET);
        conn.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        UdpSock s = b.udp.socket(SockAddr.AF_INET);
        s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        s.bind(SockAddr.parse("0.0.0.0:4000"));
        assertThat(conn.bind(SockAddr.parse("0.0.0.0:4000"))).isZero();
        UdpSock c1 = a.udp.socket(SockAddr.AF_INET);
        UdpSock c2 = a.udp.socket(SockAddr.AF_INET);
        c1.bind(SockAddr.parse("10.0.0.1:1111"));
        c2.bind(SockAddr.parse("10.0.0.1:2222"));
        assertThat(conn.connect(SockAddr.parse("10.0.0.1:1111"))).isZero();
        byte[] x = {1};
        c1.sendto(x, 0, 1, 0, SockAddr.parse("10.0.0.2:4000"));
        c2.sendto(x, 0, 1, 0, SockAddr.parse("10.0.0.2:4000"));
        net.run(5 * MS);
        RecvInfo info = new RecvInfo();
        assertThat(conn.recvfrom(x, 0, 1, 0, info)).isEqualTo(1);
        assertThat(info.port()).isEqualTo(1111); // the connected socket scores higher for its peer
        assertThat(conn.recv(x, 0, 1, 0)).isEqualTo(-Errno.EAGAIN);
        assertThat(s.recvfrom(x, 0, 1, 0, info)).isEqualTo(1);
        assertThat(info.port()).isEqualTo(2222);
        // disconnecting (AF_UNSPEC) keeps the bound port and address
        assertThat(conn.connect(SockAddr.UNSPEC)).isZero();
        assertThat(conn.peerAddress()).isNull();
        assertThat(conn.localPort()).isEqualTo(4000);
    }

    @Test
    void reuseportSpreadsFlowsOverTheGroupAndKeepsAFlowOnOneSocket() {
        UdpSock[] group = new UdpSock[4];
        for (int i = 0; i < group.length; i++) {
            group[i] = b.udp.socket(SockAddr.AF_INET);
            group[i].setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
            assertThat(group[i].bind(SockAddr.parse("0.0.0.0:8000"))).isZero();
        }
        Map<Integer, Integer> owner = new HashMap<>();
        byte[] x = new byte[1];
        for (int flow = 0; flow < 40; flow++) {
            UdpSock c = a.udp.socket(SockAddr.AF_INET);
            for (int k = 0; k < 3; k++) {
                c.sendto(x, 0, 1, 0, SockAddr.parse("10.0.0.2:8000"));
            }
            net.run(MS);
            for (int i = 0; i < group.length; i++) {
                int got = 0;
                while (group[i].recv(x, 0, 1, 0) == 1) {
                    got++;
                }
                if (got > 0) {
                    assertThat(got).as("all three datagrams of flow %d on one socket", flow).isEqualTo(3);
                    owner.merge(i, 1, Integer::sum);
                }
            }
            c.close();
        }
        assertThat(owner).hasSize(4); // every member got flows
        assertThat(owner.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
    }

    @Test
    void broadcastNeedsSoBroadcastAndReachesEveryWildcardSocket() {
        UdpSock s1 = b.udp.socket(SockAddr.AF_INET);
        UdpSock s2 = b.udp.socket(SockAddr.AF_INET);
        s1.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        s2.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        s1.bind(SockAddr.parse("0.0.0.0:6666"));
        s2.bind(SockAddr.parse("0.0.0.0:6666"));
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        byte[] x = {9};
        assertThat(c.sendto(x, 0, 1, 0, SockAddr.parse("10.0.0.255:6666"))).isEqualTo(-Errno.EACCES);
        assertThat(c.connect(SockAddr.parse("10.0.0.255:6666"))).isEqualTo(-Errno.EACCES);
        // as on Linux, 255.255.255.255 without a device or a default route has no route at all
        assertThat(c.connect(SockAddr.parse("255.255.255.255:6666"))).isEqualTo(-Errno.ENETUNREACH);
        c.setsockopt(SOL_SOCKET, SO_BROADCAST, 1);
        assertThat(c.sendto(x, 0, 1, 0, SockAddr.parse("10.0.0.255:6666"))).isEqualTo(1);
        net.run(5 * MS);
        assertThat(s1.recv(x, 0, 1, 0)).isEqualTo(1);
        assertThat(s2.recv(x, 0, 1, 0)).isEqualTo(1);
        // no socket on the port: ignored, no port unreachable for a broadcast
        c.sendto(x, 0, 1, 0, SockAddr.parse("10.0.0.255:6667"));
        net.run(5 * MS);
        assertThat(b.mib(Mib.UdpIgnoredMulti)).isEqualTo(1);
        assertThat(b.mib(Mib.UdpNoPorts)).isZero();
    }

    @Test
    void aFullSendBufferIsEagainUntilTheDeviceFreesMemoryAndThenWakesWriters() {
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        c.setsockopt(SOL_SOCKET, SO_SNDBUF, 10_000); // 20000: a handful of datagrams
        c.connect(SockAddr.parse("10.0.0.2:9999"));
        int[] writeSpace = new int[1];
        c.addListener((s, e) -> writeSpace[0] += e == SockListener.WRITE_SPACE ? 1 : 0);
        byte[] d = new byte[1400];
        int sent = 0;
        while (c.send(d, 0, d.length, 0) == d.length) {
            sent++;
        }
        assertThat(sent).isBetween(5, 12);
        assertThat(c.send(d, 0, d.length, 0)).isEqualTo(-Errno.EAGAIN);
        assertThat(a.mib(Mib.UdpSndbufErrors)).isEqualTo(2);
        assertThat(c.poll() & Epoll.EPOLLOUT).isZero();
        assertThat(c.wmemAlloc()).isGreaterThanOrEqualTo(c.sndbuf());
        net.run(10 * MS); // the link drains the queue; freed buffers give the memory back
        assertThat(writeSpace[0]).isPositive();
        assertThat(c.wmemAlloc()).isZero();
        assertThat(c.poll() & Epoll.EPOLLOUT).isNotZero();
    }

    @Test
    void checksumsOnTheWireAreRightWhetherTheNicOrTheStackComputesThem() {
        net.recordFrames = true;
        UdpSock s = server("0.0.0.0:5001");
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        byte[] d = "offloaded".getBytes();
        c.sendto(d, 0, d.length, 0, SockAddr.parse("10.0.0.2:5001"));
        net.run(5 * MS);
        a.net.requireDevice("eth0").setFeatures(Features.IP_CSUM | Features.IPV6_CSUM, false); // ethtool -K eth0 tx off
        c.sendto(d, 0, d.length, 0, SockAddr.parse("10.0.0.2:5001"));
        net.run(5 * MS);
        int udpFrames = 0;
        for (byte[] f : net.frames) {
            if (f.length > 42 && Bytes.u16(f, 12) == 0x0800 && f[23] == 17) {
                udpFrames++;
                int ulen = Bytes.u16(f, 38);
                long pseudo = Checksum.pseudoHeaderV4(Bytes.i32(f, 26), Bytes.i32(f, 30), 17, ulen);
                assertThat(Checksum.fold(Checksum.add(pseudo, f, 34, ulen))).as("UDP checksum on the wire").isEqualTo(0xffff);
            }
        }
        assertThat(udpFrames).isEqualTo(2);
        assertThat(s.recv(new byte[32], 0, 32, 0)).isEqualTo(d.length);
        assertThat(s.recv(new byte[32], 0, 32, 0)).isEqualTo(d.length);
    }

    @Test
    void receivingChargesUdpRcvAndTheWakeupOfAWaiter() {
        server("0.0.0.0:5002");
        UdpSock s = b.udp.sockets().sockets().stream().filter(x -> x.localPort() == 5002).map(x -> (UdpSock) x).findFirst().orElseThrow();
        UdpSock c = a.udp.socket(SockAddr.AF_INET);
        byte[] d = new byte[100];
        c.sendto(d, 0, d.length, 0, SockAddr.parse("10.0.0.2:5002")); // resolves ARP
        net.run(5 * MS);
        long t0 = b.net.cpu(0).busyNanos;
        c.sendto(d, 0, d.length, 0, SockAddr.parse("10.0.0.2:5002"));
        net.run(5 * MS);
        long noWaiter = b.net.cpu(0).busyNanos - t0;
        s.addListener((sk, e) -> { });
        long t1 = b.net.cpu(0).busyNanos;
        c.sendto(d, 0, d.length, 0, SockAddr.parse("10.0.0.2:5002"));
        net.run(5 * MS);
        long withWaiter = b.net.cpu(0).busyNanos - t1;
        assertThat(withWaiter - noWaiter).isEqualTo(b.net.costs().sockWakeup);
        assertThat(noWaiter).isGreaterThan(b.net.costs().udpRcv);
    }
}
