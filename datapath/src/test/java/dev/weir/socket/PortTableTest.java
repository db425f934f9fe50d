package dev.weir.socket;

import static dev.weir.socket.SockOpt.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.link.LinkConfig;
import dev.weir.testing.StackHosts;
import dev.weir.udp.UdpSock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binding: the conflicts of {@code udp_lib_lport_inuse} and {@code inet_csk_bind_conflict} and
 * the address checks of {@code inet_bind}/{@code inet6_bind}. Each UDP case was run on Linux 6.18
 * (python, a namespace whose device holds 10.1.0.1/24 and fd01::1/64) and gave the result
 * asserted here.
 */
class PortTableTest {
    final StackHosts net = new StackHosts(5);
    final StackHosts.Host h = net.host("h");
    final StackHosts.Host peer = net.host("peer");
    final List<Sock> open = new ArrayList<>();

    PortTableTest() {
        net.connect(h, "d0", "10.1.0.1/24,fd01::1/64", peer, "eth0", "10.1.0.2/24", LinkConfig.DEFAULT);
    }

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    UdpSock udp(int family, String... opts) {
        UdpSock s = h.udp.socket(family);
        open.add(s);
        for (String o : opts) {
            switch (o) {
                case "reuseaddr" -> s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
                case "reuseport" -> s.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
                case "v6only" -> s.setsockopt(SOL_IPV6, IPV6_V6ONLY, 1);
                default -> assertThat(s.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, OptVal.ofText(o))).isZero();
            }
        }
        return s;
    }

    UdpSock v4(String... opts) {
        return udp(SockAddr.AF_INET, opts);
    }

    UdpSock v6(String... opts) {
        return udp(SockAddr.AF_INET6, opts);
    }

    static String result(int r) {
        return r == 0 ? "ok" : Errno.name(r);
    }

    String pair(Sock a, String aAddr, Sock b, String bAddr) {
        return result(a.bind(SockAddr.parse(aAddr))) + " " + result(b.bind(SockAddr.parse(bAddr)));
    }

    @Test
    void udpBindConflictsAsLinux() {
        assertThat(pair(v4(), "0.0.0.0:6000", v4(), "0.0.0.0:6000")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v4("reuseaddr"), "0.0.0.0:6001", v4("reuseaddr"), "0.0.0.0:6001")).isEqualTo("ok ok");
        assertThat(pair(v4("reuseaddr"), "0.0.0.0:6002", v4(), "0.0.0.0:6002")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v4("reuseport"), "0.0.0.0:6003", v4("reuseport"), "0.0.0.0:6003")).isEqualTo("ok ok");
        assertThat(pair(v4("reuseport"), "0.0.0.0:6004", v4(), "0.0.0.0:6004")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v4(), "10.1.0.1:6005", v4(), "0.0.0.0:6005")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v4(), "10.1.0.1:6006", v4(), "127.0.0.1:6006")).isEqualTo("ok ok");
        assertThat(pair(v4(), "0.0.0.0:6007", v6(), "[::]:6007")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v4(), "0.0.0.0:6008", v6("v6only"), "[::]:6008")).isEqualTo("ok ok");
        assertThat(pair(v6(), "[::]:6009", v4(), "10.1.0.1:6009")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v6(), "[fd01::1]:6010", v4(), "0.0.0.0:6010")).isEqualTo("ok ok"); // a specific IPv6 bind is v6-only
        assertThat(pair(v6(), "[::ffff:10.1.0.1]:6011", v4(), "10.1.0.1:6011")).isEqualTo("ok EADDRINUSE");
        assertThat(pair(v4("lo"), "0.0.0.0:6012", v4("d0"), "0.0.0.0:6012")).isEqualTo("ok ok");
        assertThat(pair(v4("lo"), "0.0.0.0:6013", v4(), "0.0.0.0:6013")).isEqualTo("ok EADDRINUSE");
    }

    @Test
    void bindAddressChecksAsLinux() {
        assertThat(result(v4().bind(SockAddr.parse("10.9.9.9:7000")))).isEqualTo("EADDRNOTAVAIL");
        assertThat(result(v4().bind(SockAddr.parse("10.1.0.255:7001")))).isEqualTo("ok"); // a broadcast address may be bound
        UdpSock twice = v4();
        assertThat(twice.bind(SockAddr.parse("0.0.0.0:7002"))).isZero();
        assertThat(result(twice.bind(SockAddr.parse("0.0.0.0:7003")))).isEqualTo("EINVAL");
        assertThat(result(v6().bind(SockAddr.parse("[fe80::1]:7004")))).isEqualTo("EINVAL"); // link-local needs a scope
        assertThat(result(v6("v6only").bind(SockAddr.parse("[::ffff:10.1.0.1]:7006")))).isEqualTo("EINVAL");
        assertThat(result(v6().bind(SockAddr.parse("[fd01::9]:7007")))).isEqualTo("EADDRNOTAVAIL");
        assertThat(result(v4().bind(SockAddr.parse("[::]:7008")))).isEqualTo("EAFNOSUPPORT");
        assertThat(result(v4().bind(SockAddr.UNSPEC.withPort(7009)))).isEqualTo("ok"); // AF_UNSPEC with INADDR_ANY
        UdpSock free = v4();
        free.setsockopt(SOL_IP, IP_FREEBIND, 1);
        assertThat(result(free.bind(SockAddr.parse("10.9.9.9:7010")))).isEqualTo("ok");
        h.sysctl("net.ipv4.ip_nonlocal_bind", "1");
        assertThat(result(v4().bind(SockAddr.parse("10.9.9.8:7011")))).isEqualTo("ok");
    }

    @Test
    void ephemeralPortsComeFromTheRangeInASeededOrderAndSkipPortsInUse() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UdpSock s = v4();
            assertThat(s.bind(SockAddr.parse("0.0.0.0:0"))).isZero();
            ports.add(s.localPort());
        }
        assertThat(ports).allMatch(p -> p >= 32768 && p <= 60999).doesNotHaveDuplicates();
        // the same seed, the same ports
        StackHosts again = new StackHosts(5);
        StackHosts.Host h2 = again.host("h");
        List<Integer> ports2 = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UdpSock s = h2.udp.socket(SockAddr.AF_INET);
            s.bind(SockAddr.parse("0.0.0.0:0"));
            ports2.add(s.localPort());
        }
        assertThat(ports2).isEqualTo(ports);
        // a range of four ports: four binds, then EADDRINUSE (bind) and EAGAIN (autobind on send)
        h.sysctl("net.ipv4.ip_local_port_range", "40000 40003");
        for (int i = 0; i < 4; i++) {
            UdpSock s = v4();
            assertThat(s.bind(SockAddr.parse("10.1.0.1:0"))).isZero();
            assertThat(s.localPort()).isBetween(40000, 40003);
        }
        assertThat(v4().bind(SockAddr.parse("10.1.0.1:0"))).isEqualTo(-Errno.EADDRINUSE);
        byte[] x = {1};
        assertThat(v4().sendto(x, 0, 1, 0, SockAddr.parse("10.1.0.2:9"))).isEqualTo(-Errno.EAGAIN);
        // closing gives a port back
        open.get(open.size() - 3).close();
        assertThat(v4().bind(SockAddr.parse("10.1.0.1:0"))).isZero();
    }

    /** A stream socket that only binds, for TCP's bind rules. */
    static final class StreamSock extends Sock {
        StreamSock(HostSockets host) {
            super(host, SockAddr.AF_INET, SOCK_STREAM, IPPROTO_TCP);
        }

        @Override
        protected PortTable portTable() {
            return host.portTable("tcp-test", PortTable.TCP);
        }

        @Override
        public int connect(SockAddr to) {
            return -Errno.EOPNOTSUPP;
        }

        @Override
        protected int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
            return -Errno.EOPNOTSUPP;
        }

        @Override
        protected int recvmsg(byte[] buf, int off, int len, int flags, RecvInfo info) {
            return -Errno.EOPNOTSUPP;
        }
    }

    /** inet_csk_bind_conflict: SO_REUSEADDR shares a port unless the holder listens; SO_REUSEPORT shares it in any state. */
    @Test
    void tcpBindRules() {
        StreamSock a = new StreamSock(h.sockets);
        StreamSock b = new StreamSock(h.sockets);
        a.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        b.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        assertThat(a.bind(SockAddr.parse("0.0.0.0:80"))).isZero();
        assertThat(b.bind(SockAddr.parse("10.1.0.1:80"))).isZero();
        a.state = Sock.TCP_LISTEN;
        StreamSock c = new StreamSock(h.sockets);
        c.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        assertThat(c.bind(SockAddr.parse("10.1.0.1:80"))).isEqualTo(-Errno.EADDRINUSE);
        StreamSock d = new StreamSock(h.sockets);
        StreamSock e = new StreamSock(h.sockets);
        d.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
        e.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
        assertThat(d.bind(SockAddr.parse("0.0.0.0:81"))).isZero();
        d.state = Sock.TCP_LISTEN;
        assertThat(e.bind(SockAddr.parse("0.0.0.0:81"))).isZero();
        // an ephemeral port is never one already held, whatever the flags
        h.sysctl("net.ipv4.ip_local_port_range", "81 82");
        StreamSock f = new StreamSock(h.sockets);
        f.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
        assertThat(f.bind(SockAddr.parse("0.0.0.0:0"))).isZero();
        assertThat(f.localPort()).isEqualTo(82);
        for (Sock s : List.of(a, b, c, d, e, f)) {
            s.close();
        }
    }
}
