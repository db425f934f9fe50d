package dev.weir.socket;

import static dev.weir.socket.SockOpt.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.testing.StackHosts;
import dev.weir.udp.UdpSock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Socket options with the values Linux 6.18 reports for them, read off a UDP socket on the
 * machine these tests were written on (python's socket module, {@code net.core.rmem_max} and
 * {@code wmem_max} at their 6.18 default of 4194304): buffer sizes doubled and clamped, the
 * option ranges, what is read-only, and the errors of unknown options and levels.
 */
class SockOptionsTest {
    final StackHosts net = new StackHosts(1);
    final StackHosts.Host h = net.host("h");
    final UdpSock s = h.udp.socket(SockAddr.AF_INET);
    final UdpSock s6 = h.udp.socket(SockAddr.AF_INET6);
    final OptVal v = new OptVal();

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    int get(Sock sk, int level, int name) {
        int r = sk.getsockopt(level, name, v);
        return r < 0 ? r : v.intValue();
    }

    @Test
    void defaultsAreLinuxs() {
        assertThat(get(s, SOL_SOCKET, SO_RCVBUF)).isEqualTo(212992);
        assertThat(get(s, SOL_SOCKET, SO_SNDBUF)).isEqualTo(212992);
        assertThat(get(s, SOL_IP, IP_TTL)).isEqualTo(64);
        assertThat(get(s, SOL_IP, IP_TOS)).isZero();
        assertThat(get(s, SOL_IP, IP_MTU_DISCOVER)).isEqualTo(IP_PMTUDISC_WANT);
        assertThat(get(s, SOL_SOCKET, SO_RCVLOWAT)).isEqualTo(1);
        assertThat(get(s, SOL_SOCKET, SO_SNDLOWAT)).isEqualTo(1);
        assertThat(get(s, SOL_SOCKET, SO_TYPE)).isEqualTo(SOCK_DGRAM);
        assertThat(get(s, SOL_SOCKET, SO_PROTOCOL)).isEqualTo(IPPROTO_UDP);
        assertThat(get(s, SOL_SOCKET, SO_DOMAIN)).isEqualTo(SockAddr.AF_INET);
        assertThat(get(s, SOL_SOCKET, SO_ERROR)).isZero();
        assertThat(get(s, SOL_SOCKET, SO_MAX_PACING_RATE)).isEqualTo(-1);
        assertThat(s.getsockopt(SOL_SOCKET, SO_LINGER, v)).isZero();
        assertThat(v.toString()).isEqualTo("{0, 0}");
        assertThat(s.getsockopt(SOL_SOCKET, SO_RCVTIMEO, v)).isZero();
        assertThat(v.toString()).isEqualTo("{0, 0}");
        assertThat(get(s6, SOL_IPV6, IPV6_V6ONLY)).isZero();
        assertThat(get(s6, SOL_IPV6, IPV6_UNICAST_HOPS)).isEqualTo(64);
        assertThat(get(s6, SOL_IPV6, IPV6_MTU_DISCOVER)).isEqualTo(IP_PMTUDISC_WANT);
        assertThat(get(s6, SOL_IPV6, IPV6_TCLASS)).isZero();
        assertThat(get(s6, SOL_IP, IP_TTL)).isEqualTo(64);
    }

    /** sock_setsockopt: doubled, clamped to rmem_max/wmem_max first (a negative value is a huge unsigned one), at least SOCK_MIN_RCVBUF 2304 / SOCK_MIN_SNDBUF 4608. */
    @Test
    void soRcvbufAndSoSndbufAreDoubledAndClampedAsLinux() {
        int[][] cases = { // value, SO_RCVBUF read back, SO_SNDBUF read back (Linux 6.18)
            {0, 2304, 4608}, {1, 2304, 4608}, {1000, 2304, 4608}, {2000, 4000, 4608}, {100000, 200000, 200000},
            {300000, 600000, 600000}, {-1, 8388608, 8388608}};
        for (int[] c : cases) {
            assertThat(s.setsockopt(SOL_SOCKET, SO_RCVBUF, c[0])).isZero();
            assertThat(s.setsockopt(SOL_SOCKET, SO_SNDBUF, c[0])).isZero();
            assertThat(get(s, SOL_SOCKET, SO_RCVBUF)).as("SO_RCVBUF %d", c[0]).isEqualTo(c[1]);
            assertThat(get(s, SOL_SOCKET, SO_SNDBUF)).as("SO_SNDBUF %d", c[0]).isEqualTo(c[2]);
        }
        h.sysctl("net.core.rmem_max", "212992");
        s.setsockopt(SOL_SOCKET, SO_RCVBUF, 300000);
        assertThat(get(s, SOL_SOCKET, SO_RCVBUF)).isEqualTo(425984);
        // the FORCE variants ignore the maximum (CAP_NET_ADMIN: Weir's applications are root)
        s.setsockopt(SOL_SOCKET, SO_RCVBUFFORCE, 300000);
        assertThat(get(s, SOL_SOCKET, SO_RCVBUF)).isEqualTo(600000);
        s.setsockopt(SOL_SOCKET, SO_SNDBUFFORCE, -5);
        assertThat(get(s, SOL_SOCKET, SO_SNDBUF)).isEqualTo(4608);
    }

    @Test
    void lingerAndTimeouts() {
        assertThat(s.setsockopt(SOL_SOCKET, SO_LINGER, OptVal.of(1, 30))).isZero();
        s.getsockopt(SOL_SOCKET, SO_LINGER, v);
        assertThat(v.toString()).isEqualTo("{1, 30}");
        assertThat(s.setsockopt(SOL_SOCKET, SO_LINGER, OptVal.of(0, 5))).isZero();
        s.getsockopt(SOL_SOCKET, SO_LINGER, v);
        assertThat(v.toString()).isEqualTo("{0, 30}"); // l_linger only changes when l_onoff is set
        assertThat(s.setsockopt(SOL_SOCKET, SO_LINGER, 1)).isEqualTo(-Errno.EINVAL); // optlen < sizeof(struct linger)
        // timeouts round up to whole jiffies: Weir's HZ is 1000 (Linux on this machine had 250: {0, 4000})
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVTIMEO, OptVal.of(0, 1500))).isZero();
        s.getsockopt(SOL_SOCKET, SO_RCVTIMEO, v);
        assertThat(v.toString()).isEqualTo("{0, 2000}");
        assertThat(s.rcvTimeoNanos()).isEqualTo(2_000_000L);
        s.setsockopt(SOL_SOCKET, SO_SNDTIMEO, OptVal.of(2, 999_999));
        s.getsockopt(SOL_SOCKET, SO_SNDTIMEO, v);
        assertThat(v.toString()).isEqualTo("{3, 0}");
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVTIMEO, OptVal.of(0, 1_000_000))).isEqualTo(-Errno.EDOM);
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVTIMEO, OptVal.of(0, -1))).isEqualTo(-Errno.EDOM);
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVTIMEO, OptVal.of(-1, 0))).isZero(); // negative: do not wait at all
        assertThat(s.rcvTimeoNanos()).isZero();
        s.setsockopt(SOL_SOCKET, SO_RCVTIMEO, OptVal.of(0, 0));
        assertThat(s.rcvTimeoNanos()).isEqualTo(Sock.NO_TIMEOUT);
    }

    @Test
    void ipLevelRanges() {
        assertThat(s.setsockopt(SOL_IP, IP_TTL, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(s.setsockopt(SOL_IP, IP_TTL, 256)).isEqualTo(-Errno.EINVAL);
        assertThat(s.setsockopt(SOL_IP, IP_TTL, -2)).isEqualTo(-Errno.EINVAL);
        assertThat(s.setsockopt(SOL_IP, IP_TTL, 200)).isZero();
        assertThat(get(s, SOL_IP, IP_TTL)).isEqualTo(200);
        assertThat(s.setsockopt(SOL_IP, IP_TTL, -1)).isZero(); // back to the default
        assertThat(get(s, SOL_IP, IP_TTL)).isEqualTo(64);
        // IP_TOS sets the priority as rt_tos2priority does; only the low byte is kept
        assertThat(s.setsockopt(SOL_IP, IP_TOS, 0x10)).isZero();
        assertThat(get(s, SOL_SOCKET, SO_PRIORITY)).isEqualTo(6);
        s.setsockopt(SOL_IP, IP_TOS, 0xb8);
        assertThat(get(s, SOL_SOCKET, SO_PRIORITY)).isEqualTo(4);
        s.setsockopt(SOL_IP, IP_TOS, 0x1ff);
        assertThat(get(s, SOL_IP, IP_TOS)).isEqualTo(255);
        assertThat(s.setsockopt(SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_OMIT)).isZero();
        assertThat(s.setsockopt(SOL_IP, IP_MTU_DISCOVER, 6)).isEqualTo(-Errno.EINVAL);
        assertThat(s.setsockopt(SOL_IP, IP_MTU_DISCOVER, -1)).isEqualTo(-Errno.EINVAL);
        assertThat(get(s, SOL_IP, IP_MTU)).isEqualTo(-Errno.ENOTCONN);
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVLOWAT, 0)).isZero();
        assertThat(get(s, SOL_SOCKET, SO_RCVLOWAT)).isEqualTo(1);
        s.setsockopt(SOL_SOCKET, SO_RCVLOWAT, -5);
        assertThat(get(s, SOL_SOCKET, SO_RCVLOWAT)).isEqualTo(Integer.MAX_VALUE);
        s.setsockopt(SOL_SOCKET, SO_PRIORITY, 7);
        assertThat(get(s, SOL_SOCKET, SO_PRIORITY)).isEqualTo(7);
        s.setsockopt(SOL_SOCKET, SO_MAX_PACING_RATE, 1000);
        assertThat(get(s, SOL_SOCKET, SO_MAX_PACING_RATE)).isEqualTo(1000);
        assertThat(s.pacingRate()).isEqualTo(1000);
    }

    @Test
    void ipv6LevelRanges() {
        assertThat(s6.setsockopt(SOL_IPV6, IPV6_UNICAST_HOPS, 256)).isEqualTo(-Errno.EINVAL);
        assertThat(s6.setsockopt(SOL_IPV6, IPV6_UNICAST_HOPS, -2)).isEqualTo(-Errno.EINVAL);
        assertThat(s6.setsockopt(SOL_IPV6, IPV6_UNICAST_HOPS, 7)).isZero();
        assertThat(get(s6, SOL_IPV6, IPV6_UNICAST_HOPS)).isEqualTo(7);
        assertThat(s6.setsockopt(SOL_IPV6, IPV6_TCLASS, -1)).isZero();
        assertThat(get(s6, SOL_IPV6, IPV6_TCLASS)).isZero();
        assertThat(s6.setsockopt(SOL_IPV6, IPV6_TCLASS, 256)).isEqualTo(-Errno.EINVAL);
        assertThat(s6.bind(SockAddr.parse("[::]:0"))).isZero();
        assertThat(s6.setsockopt(SOL_IPV6, IPV6_V6ONLY, 1)).isEqualTo(-Errno.EINVAL); // too late once bound
    }

    @Test
    void readOnlyUnknownOptionsAndLevels() {
        assertThat(s.setsockopt(SOL_SOCKET, SO_SNDLOWAT, 5)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(s.setsockopt(SOL_SOCKET, SO_TYPE, 1)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(s.setsockopt(SOL_SOCKET, SO_ERROR, 1)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(s.setsockopt(SOL_SOCKET, 999, 1)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(get(s, SOL_SOCKET, 999)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(s.setsockopt(SOL_IP, 999, 1)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(get(s, SOL_IP, 999)).isEqualTo(-Errno.ENOPROTOOPT);
        // an IPv4 socket: SOL_IPV6 is ENOPROTOOPT to set and EOPNOTSUPP to read, as ip_setsockopt / ip_getsockopt say
        assertThat(s.setsockopt(SOL_IPV6, IPV6_V6ONLY, 1)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(get(s, SOL_IPV6, IPV6_V6ONLY)).isEqualTo(-Errno.EOPNOTSUPP);
        assertThat(s.setsockopt(SOL_UDP, 999, 1)).isEqualTo(-Errno.ENOPROTOOPT);
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVBUF, OptVal.ofText("x"))).isEqualTo(-Errno.EINVAL);
        assertThat(s.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, OptVal.ofText("nosuch"))).isEqualTo(-Errno.ENODEV);
        assertThat(s.setsockopt(SOL_SOCKET, SO_BINDTODEVICE, OptVal.ofText("lo"))).isZero();
        s.getsockopt(SOL_SOCKET, SO_BINDTODEVICE, v);
        assertThat(v.text()).isEqualTo("lo");
        s.close();
        assertThat(s.setsockopt(SOL_SOCKET, SO_RCVBUF, 1)).isEqualTo(-Errno.EBADF);
        assertThat(s.close()).isEqualTo(-Errno.EBADF);
    }

    @Test
    void errnoNamesAndTexts() {
        assertThat(Errno.message(-Errno.EAGAIN)).isEqualTo("Resource temporarily unavailable");
        assertThat(Errno.message(Errno.ECONNREFUSED)).isEqualTo("Connection refused");
        assertThat(Errno.message(Errno.EHOSTUNREACH)).isEqualTo("No route to host");
        assertThat(Errno.name(Errno.EOPNOTSUPP)).isEqualTo("EOPNOTSUPP");
        assertThat(Errno.byName("EWOULDBLOCK")).isEqualTo(Errno.EAGAIN);
        assertThat(Errno.byName("ENOTSUP")).isEqualTo(95);
        assertThat(Errno.byName("EINPROGRESS")).isEqualTo(115);
        assertThat(Errno.byName("EFOO")).isEqualTo(-1);
        assertThat(Errno.message(41)).isEqualTo("Unknown error 41");
        assertThat(SockOpt.constant("SO_RCVBUF")).isEqualTo(8);
        assertThat(SockOpt.constant("EPOLLET")).isEqualTo(Epoll.EPOLLET);
        assertThat(SockOpt.constant("MSG_PEEK")).isEqualTo(2);
        assertThat(SockOpt.name(SOL_SOCKET, SO_RCVBUF)).isEqualTo("SO_RCVBUF");
        assertThat(SockOpt.name(SOL_IPV6, IPV6_V6ONLY)).isEqualTo("IPV6_V6ONLY");
    }

    @Test
    void sockAddrParsesAndPrintsAsTheTools() {
        assertThat(SockAddr.parse("10.0.0.1:80")).isEqualTo(SockAddr.v4("10.0.0.1", 80));
        assertThat(SockAddr.parse("[fd00::1]:80").toString()).isEqualTo("[fd00::1]:80");
        assertThat(SockAddr.parse("[fe80::1%2]:53").scopeId()).isEqualTo(2);
        assertThat(SockAddr.parse("fd00::1").port()).isZero();
        assertThat(SockAddr.mapped(0x0a00_0001, 5).toString()).isEqualTo("[::ffff:10.0.0.1]:5");
        assertThat(SockAddr.mapped(0x0a00_0001, 5).isV4Mapped()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SockAddr.parse("10.0.0.1:99999"))
                .hasMessageContaining("'10.0.0.1:99999'").hasMessageContaining("outside 0..65535");
    }
}
