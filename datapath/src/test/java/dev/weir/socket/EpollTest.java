package dev.weir.socket;

import static dev.weir.socket.Epoll.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.link.LinkConfig;
import dev.weir.testing.StackHosts;
import dev.weir.udp.UdpSock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** epoll over UDP sockets on two real hosts: level and edge triggering, one-shot, ctl errors, wakeups (epoll(7)). */
class EpollTest {
    private static final long MS = 1_000_000L;

    final StackHosts net = new StackHosts(9);
    final StackHosts.Host a = net.host("a");
    final StackHosts.Host b = net.host("b");
    final UdpSock rx;
    final UdpSock tx;
    final Epoll ep = new Epoll();
    final Epoll.Events ev = new Epoll.Events(8);
    int wakeups;
    final byte[] one = {1};
    final byte[] buf = new byte[16];

    EpollTest() {
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.DEFAULT);
        rx = b.udp.socket(SockAddr.AF_INET);
        rx.bind(SockAddr.parse("0.0.0.0:9000"));
        tx = a.udp.socket(SockAddr.AF_INET);
        tx.connect(SockAddr.parse("10.0.0.2:9000"));
        ep.setWakeup(() -> wakeups++);
    }

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    void send(int n) {
        for (int i = 0; i < n; i++) {
            tx.send(one, 0, 1, 0);
        }
        net.run(5 * MS);
    }

    @Test
    void levelTriggeredReportsUntilDrained() {
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN, 42)).isZero();
        assertThat(ep.wait(ev)).isZero();
        send(2);
        assertThat(wakeups).isPositive();
        assertThat(ep.wait(ev)).isEqualTo(1);
        assertThat(ev.socks[0]).isSameAs(rx);
        assertThat(ev.events[0]).isEqualTo(EPOLLIN);
        assertThat(ev.data[0]).isEqualTo(42);
        assertThat(ep.wait(ev)).isEqualTo(1); // still readable: reported again
        rx.recv(buf, 0, buf.length, 0);
        assertThat(ep.wait(ev)).isEqualTo(1);
        rx.recv(buf, 0, buf.length, 0);
        assertThat(ep.wait(ev)).isZero();
    }

    @Test
    void edgeTriggeredReportsOncePerArrival() {
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN | EPOLLET, 1)).isZero();
        send(2);
        assertThat(ep.wait(ev)).isEqualTo(1);
        assertThat(ep.wait(ev)).isZero(); // still readable, but no new edge
        rx.recv(buf, 0, buf.length, 0);
        assertThat(ep.wait(ev)).isZero();
        send(1);
        assertThat(ep.wait(ev)).isEqualTo(1);
    }

    @Test
    void oneShotIsDisabledUntilRearmedWithMod() {
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN | EPOLLONESHOT, 7)).isZero();
        send(1);
        assertThat(ep.wait(ev)).isEqualTo(1);
        send(1);
        assertThat(ep.wait(ev)).isZero();
        assertThat(ep.ctl(EPOLL_CTL_MOD, rx, EPOLLIN | EPOLLONESHOT, 8)).isZero(); // re-armed, and ready at once
        assertThat(ep.wait(ev)).isEqualTo(1);
        assertThat(ev.data[0]).isEqualTo(8);
    }

    @Test
    void writableAndErrorEvents() {
        assertThat(ep.ctl(EPOLL_CTL_ADD, tx, EPOLLOUT, 0)).isZero();
        assertThat(ep.wait(ev)).isEqualTo(1);
        assertThat(ev.events[0]).isEqualTo(EPOLLOUT);
        // EPOLLERR is watched whether asked for or not: a port unreachable makes the connected socket report it
        UdpSock lost = a.udp.socket(SockAddr.AF_INET);
        lost.connect(SockAddr.parse("10.0.0.2:9999"));
        assertThat(ep.ctl(EPOLL_CTL_ADD, lost, EPOLLIN, 5)).isZero();
        lost.send(one, 0, 1, 0);
        net.run(5 * MS);
        assertThat(ep.wait(ev)).isEqualTo(2);
        int i = ev.socks[0] == lost ? 0 : 1;
        assertThat(ev.events[i]).isEqualTo(EPOLLERR);
        assertThat(describe(ev.events[i] | EPOLLIN | EPOLLRDNORM)).isEqualTo("EPOLLIN|EPOLLERR|EPOLLRDNORM");
        lost.close();
    }

    @Test
    void ctlErrorsAndClosedSockets() {
        assertThat(ep.ctl(EPOLL_CTL_MOD, rx, EPOLLIN, 0)).isEqualTo(-Errno.ENOENT);
        assertThat(ep.ctl(EPOLL_CTL_DEL, rx, 0, 0)).isEqualTo(-Errno.ENOENT);
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN, 0)).isZero();
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN, 0)).isEqualTo(-Errno.EEXIST);
        assertThat(ep.ctl(9, rx, EPOLLIN, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(ep.ctl(EPOLL_CTL_DEL, rx, 0, 0)).isZero();
        send(1);
        assertThat(ep.wait(ev)).isZero(); // no longer watched
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN, 0)).isZero();
        assertThat(ep.size()).isEqualTo(1);
        rx.close();
        assertThat(ep.size()).isZero(); // a closed socket leaves the set
        assertThat(ep.ctl(EPOLL_CTL_ADD, rx, EPOLLIN, 0)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void aBlockingCallWaitsForData() {
        net.sim.scheduler().schedule(30 * MS, () -> tx.send(one, 0, 1, 0));
        int n = BlockingCall.run(net.sim.scheduler(), rx, EPOLLIN, Sock.NO_TIMEOUT, () -> rx.recv(buf, 0, buf.length, 0));
        assertThat(n).isEqualTo(1);
        assertThat(net.sim.now()).isBetween(30 * MS, 31 * MS);
        // SO_RCVTIMEO: EAGAIN after the timeout
        rx.setsockopt(SockOpt.SOL_SOCKET, SockOpt.SO_RCVTIMEO, OptVal.of(0, 250_000));
        long start = net.sim.now();
        n = BlockingCall.run(net.sim.scheduler(), rx, EPOLLIN, rx.rcvTimeoNanos(), () -> rx.recv(buf, 0, buf.length, 0));
        assertThat(n).isEqualTo(-Errno.EAGAIN);
        assertThat(net.sim.now() - start).isEqualTo(250 * MS);
    }
}
