package dev.weir.udp;

import static dev.weir.socket.SockOpt.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Checksum;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;
import dev.weir.link.LinkConfig;
import dev.weir.socket.Epoll;
import dev.weir.socket.Errno;
import dev.weir.socket.OptVal;
import dev.weir.socket.RecvInfo;
import dev.weir.socket.SockAddr;
import dev.weir.testing.StackHosts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UDP between two hosts built from every real stage (NICs on a link, the device layer, ARP/NDP,
 * routing, the IP layers): datagrams delivered with their sender, port unreachable answered with
 * ICMP and reported as ECONNREFUSED on the connected sender (Linux: sk_err, returned by the next
 * call), receive-buffer overflow, checksum errors, broadcast, IPv6 and dual-stack sockets.
 */
class UdpEndToEndTest {
    private static final long MS = 1_000_000L;

    final StackHosts net = new StackHosts(3);
    final StackHosts.Host a = net.host("a");
    final StackHosts.Host b = net.host("b");

    UdpEndToEndTest() {
        net.connect(a, "eth0", "10.0.0.1/24,fd00::1/64", b, "eth0", "10.0.0.2/24,fd00::2/64", LinkConfig.DEFAULT);
    }

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aDatagramArrivesWithItsSenderAndIsCountedWhenRead() {
        UdpSock server = b.udp.socket(SockAddr.AF_INET);
        assertThat(server.bind(SockAddr.parse("0.0.0.0:5000"))).isZero();
        UdpSock client = a.udp.socket(SockAddr.AF_INET);
        byte[] msg = bytes("hello, b");
        assertThat(client.sendto(msg, 0, msg.length, 0, SockAddr.parse("10.0.0.2:5000"))).isEqualTo(msg.length);
        int port = client.localPort();
        assertThat(port).isBetween(32768, 60999);
        assertThat(a.mib(Mib.UdpOutDatagrams)).isEqualTo(1);
        net.run(10 * MS);
        assertThat(server.poll() & Epoll.EPOLLIN).isNotZero();
        assertThat(b.mib(Mib.UdpInDatagrams)).isZero(); // counted when read, as Linux
        byte[] buf = new byte[100];
        RecvInfo info = new RecvInfo();
        int n = server.recvfrom(buf, 0, buf.length, 0, info);
        assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("hello, b");
        assertThat(info.from()).isEqualTo(SockAddr.v4("10.0.0.1", port));
        assertThat(b.mib(Mib.UdpInDatagrams)).isEqualTo(1);
        assertThat(server.recv(buf, 0, buf.length, 0)).isEqualTo(-Errno.EAGAIN);
        assertThat(server.rmemAlloc()).isZero();
    }

    @Test
    void portUnreachableAnswersIcmpAndTheConnectedSenderGetsEconnrefused() {
        UdpSock client = a.udp.socket(SockAddr.AF_INET);
        assertThat(client.connect(SockAddr.parse("10.0.0.2:9"))).isZero();
        assertThat(client.localAddress().address()).isEqualTo("10.0.0.1");
        byte[] msg = bytes("anyone?");
        assertThat(client.send(msg, 0, msg.length, 0)).isEqualTo(msg.length);
        net.run(10 * MS);
        assertThat(b.mib(Mib.UdpNoPorts)).isEqualTo(1);
        assertThat(b.drops(DropReason.NO_SOCKET)).isEqualTo(1);
        assertThat(b.mib(Mib.IcmpOutDestUnreachs)).isEqualTo(1);
        assertThat(a.mib(Mib.IcmpInDestUnreachs)).isEqualTo(1);
        assertThat(client.poll() & Epoll.EPOLLERR).isNotZero();
        // sk_err is returned once by the next call, then cleared
        assertThat(client.send(msg, 0, msg.length, 0)).isEqualTo(-Errno.ECONNREFUSED);
        assertThat(client.send(msg, 0, msg.length, 0)).isEqualTo(msg.length);
        net.run(10 * MS);
        OptVal v = new OptVal();
        assertThat(client.getsockopt(SOL_SOCKET, SO_ERROR, v)).isZero();
        assertThat(v.intValue()).isEqualTo(Errno.ECONNREFUSED);
        assertThat(client.getsockopt(SOL_SOCKET, SO_ERROR, v)).isZero();
        assertThat(v.intValue()).isZero();
    }

    @Test
    void anUnconnectedSenderIgnoresPortUnreachableUnlessItAsksForTheErrorQueue() {
        UdpSock quiet = a.udp.socket(SockAddr.AF_INET);
        byte[] msg = bytes("x");
        quiet.sendto(msg, 0, 1, 0, SockAddr.parse("10.0.0.2:9"));
        UdpSock loud = a.udp.socket(SockAddr.AF_INET);
        assertThat(loud.setsockopt(SOL_IP, IP_RECVERR, 1)).isZero();
        loud.sendto(msg, 0, 1, 0, SockAddr.parse("10.0.0.2:10"));
        net.run(10 * MS);
        assertThat(quiet.pendingError()).isZero();
        assertThat(quiet.errorQueueLength()).isZero();
        assertThat(loud.pendingError()).isEqualTo(Errno.ECONNREFUSED);
        byte[] buf = new byte[64];
        RecvInfo info = new RecvInfo();
        int n = loud.recvfrom(buf, 0, buf.length, MSG_ERRQUEUE, info);
        assertThat(n).isEqualTo(1); // the payload after the quoted UDP header
        assertThat(buf[0]).isEqualTo((byte) 'x');
        assertThat(info.flags() & MSG_ERRQUEUE).isNotZero();
        assertThat(info.from()).isEqualTo(SockAddr.v4("10.0.0.2", 10));
        assertThat(info.error().errno()).isEqualTo(Errno.ECONNREFUSED);
        assertThat(info.error().origin()).isEqualTo(SO_EE_ORIGIN_ICMP);
        assertThat(info.error().type()).isEqualTo(3);
        assertThat(info.error().code()).isEqualTo(3);
        assertThat(info.error().offender()).isEqualTo(SockAddr.v4("10.0.0.2", 0));
        assertThat(loud.pendingError()).isZero(); // reading the queue resets sk_err
    }

    @Test
    void aFullReceiveBufferDropsAndCountsUdpRcvbufErrors() {
        UdpSock server = b.udp.socket(SockAddr.AF_INET);
        server.setsockopt(SOL_SOCKET, SO_RCVBUF, 4096); // 8192 after doubling
        server.bind(SockAddr.parse("10.0.0.2:7000"));
        UdpSock client = a.udp.socket(SockAddr.AF_INET);
        byte[] msg = new byte[1000];
        for (int i = 0; i < 10; i++) {
            assertThat(client.sendto(msg, 0, msg.length, 0, SockAddr.parse("10.0.0.2:7000"))).isEqualTo(1000);
            net.run(MS);
        }
        net.run(10 * MS);
        long queued = b.mib(Mib.UdpRcvbufErrors);
        assertThat(queued).isPositive();
        assertThat(b.mib(Mib.UdpInErrors)).isEqualTo(queued);
        assertThat(b.drops(DropReason.SOCKET_RCVBUFF)).isEqualTo(queued);
        assertThat(server.drops()).isEqualTo(queued);
        int read = 0;
        while (server.recv(new byte[2000], 0, 2000, 0) > 0) {
            read++;
        }
        assertThat(read + queued).isEqualTo(10);
        // memory admitted: full unless the last datagram overshot once
        assertThat(read).isGreaterThanOrEqualTo(1);
    }

    /** An IPv4 datagram from 10.0.0.1:4000 to 10.0.0.2:{@code port}, its UDP checksum XORed with {@code corrupt}. */
    static byte[] udp4(int port, byte[] payload, int corrupt) {
        int ulen = 8 + payload.length;
        byte[] p = new byte[20 + ulen];
        p[0] = 0x45;
        Bytes.put16(p, 2, p.length);
        p[8] = 64;
        p[9] = 17;
        Bytes.put32(p, 12, 0x0a00_0001);
        Bytes.put32(p, 16, 0x0a00_0002);
        Bytes.put16(p, 10, Checksum.internet(p, 0, 20));
        Bytes.put16(p, 20, 4000);
        Bytes.put16(p, 22, port);
        Bytes.put16(p, 24, ulen);
        System.arraycopy(payload, 0, p, 28, payload.length);
        long pseudo = Checksum.pseudoHeaderV4(0x0a00_0001, 0x0a00_0002, 17, ulen);
        int cs = Checksum.finish(Checksum.add(pseudo, p, 20, ulen));
        Bytes.put16(p, 26, (cs == 0 ? 0xffff : cs) ^ corrupt);
        return p;
    }

    /** Hands an IPv4 packet to {@code h}'s IP layer as received on {@code eth0}, its checksums unchecked by the NIC. */
    static void inject(StackHosts.Host h, NetDevice eth0, byte[] packet) {
        SkBuff skb = h.net.pool().alloc(packet.length, SkBuff.NET_SKB_PAD + 14);
        skb.putBytes(packet, 0, packet.length);
        skb.setPktType(SkBuff.PACKET_HOST);
        skb.setIngressIfindex(eth0.ifindex());
        skb.setIfindex(eth0.ifindex());
        skb.resetNetworkHeader();
        skb.setProtocol(0x0800);
        h.ip.v4().rcv(skb, eth0);
    }

    void injectToB(byte[] packet) {
        inject(b, b.net.requireDevice("eth0"), packet);
    }

    @Test
    void aBadChecksumIsUdpInCsumErrorsAndUdpInErrorsAndAGoodOneIsDelivered() {
        UdpSock server = b.udp.socket(SockAddr.AF_INET);
        server.bind(SockAddr.parse("0.0.0.0:5353"));
        long before = b.net.cpu(0).busyNanos;
        injectToB(udp4(5353, bytes("bad"), 0x0100));
        assertThat(b.mib(Mib.UdpInCsumErrors)).isEqualTo(1);
        assertThat(b.mib(Mib.UdpInErrors)).isEqualTo(1);
        assertThat(b.drops(DropReason.UDP_CSUM)).isEqualTo(1);
        injectToB(udp4(5353, bytes("good"), 0));
        injectToB(udp4(5354, bytes("nobody"), 0x0001)); // a bad checksum is checked before the lookup
        assertThat(b.mib(Mib.UdpInCsumErrors)).isEqualTo(2);
        assertThat(b.mib(Mib.UdpNoPorts)).isZero();
        assertThat(server.recv(new byte[64], 0, 64, 0)).isEqualTo(4);
        assertThat(before).isNotNegative();
    }

    @Test
    void ipv6DatagramsAndDualStackSockets() {
        UdpSock server6 = b.udp.socket(SockAddr.AF_INET6);
        assertThat(server6.bind(SockAddr.parse("[::]:6000"))).isZero();
        UdpSock c4 = a.udp.socket(SockAddr.AF_INET);
        UdpSock c6 = a.udp.socket(SockAddr.AF_INET6);
        byte[] m = bytes("v4 to a dual-stack socket");
        assertThat(c4.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:6000"))).isEqualTo(m.length);
        byte[] m6 = bytes("v6");
        assertThat(c6.sendto(m6, 0, m6.length, 0, SockAddr.parse("[fd00::2]:6000"))).isEqualTo(m6.length);
        net.run(10 * MS);
        RecvInfo info = new RecvInfo();
        byte[] buf = new byte[100];
        assertThat(server6.recvfrom(buf, 0, buf.length, 0, info)).isEqualTo(m.length);
        assertThat(info.from()).isEqualTo(SockAddr.mapped(SockAddr.v4("10.0.0.1", 0).v4(), c4.localPort()));
        assertThat(server6.recvfrom(buf, 0, buf.length, 0, info)).isEqualTo(2);
        assertThat(info.from()).isEqualTo(SockAddr.parse("[fd00::1]:" + c6.localPort()));
        assertThat(b.mib(Mib.UdpInDatagrams)).isEqualTo(1);
        assertThat(b.mib(Mib.Udp6InDatagrams)).isEqualTo(1);
        assertThat(a.mib(Mib.Udp6OutDatagrams)).isEqualTo(1);
        // v6-only: the IPv4 datagram finds no socket
        UdpSock only6 = b.udp.socket(SockAddr.AF_INET6);
        assertThat(only6.setsockopt(SOL_IPV6, IPV6_V6ONLY, 1)).isZero();
        assertThat(only6.bind(SockAddr.parse("[::]:6001"))).isZero();
        c4.sendto(m, 0, m.length, 0, SockAddr.parse("10.0.0.2:6001"));
        net.run(10 * MS);
        assertThat(b.mib(Mib.UdpNoPorts)).isEqualTo(1);
        // port unreachable over IPv6
        c6.connect(SockAddr.parse("[fd00::2]:6002"));
        c6.send(m6, 0, 2, 0);
        net.run(10 * MS);
        assertThat(b.mib(Mib.Udp6NoPorts)).isEqualTo(1);
        assertThat(c6.send(m6, 0, 2, 0)).isEqualTo(-Errno.ECONNREFUSED);
    }
}
