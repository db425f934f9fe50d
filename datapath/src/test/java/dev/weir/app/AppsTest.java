package dev.weir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.CommandException;
import dev.weir.link.LinkConfig;
import dev.weir.testing.StackHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The applications on real hosts: ping's times in virtual time with iputils' precision,
 * udp-send and udp-sink measuring rate, loss and one-way latency, a sender held back by its send
 * buffer on a slow link, and usage errors that name the option.
 */
class AppsTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    final StackHosts net = new StackHosts(21);
    final StackHosts.Host a = net.host("a");
    final StackHosts.Host b = net.host("b");
    final List<String> outA = new ArrayList<>();
    final List<String> outB = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        net.assertNoLeaks();
    }

    AppContext ctx(StackHosts.Host h, List<String> lines) {
        return new AppContext(h.sockets, h.udp, h.ping, lines::add);
    }

    App start(StackHosts.Host h, List<String> lines, String command) {
        App app = Apps.standard().create(ctx(h, lines), command);
        app.start();
        return app;
    }

    void runUntilDone(App app, long limit) {
        long end = net.sim.now() + limit;
        while (!app.isFinished() && net.sim.now() < end) {
            net.run(10 * MS);
        }
        assertThat(app.isFinished()).as(app.name() + " finished").isTrue();
    }

    @Test
    void pingTimesAreVirtualTimeInIputilsPrecision() {
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.builder().delay("2ms").build());
        App ping = start(a, outA, "ping -c 3 10.0.0.2");
        runUntilDone(ping, 10 * SECOND);
        assertThat(ping.exitCode()).isZero();
        assertThat(outA.get(0)).isEqualTo("PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.");
        // 2 ms each way plus the stacks' CPU time: two decimals between 1 and 10 ms; the first waited for ARP
        assertThat(outA.get(1)).matches("64 bytes from 10\\.0\\.0\\.2: icmp_seq=1 ttl=64 time=8\\.\\d\\d ms");
        Pattern reply = Pattern.compile("64 bytes from 10\\.0\\.0\\.2: icmp_seq=[23] ttl=64 time=4\\.\\d\\d ms");
        assertThat(outA.subList(2, 4)).allMatch(l -> reply.matcher(l).matches());
        assertThat(outA.get(6)).isEqualTo("3 packets transmitted, 3 received, 0% packet loss, time 2000ms");
        assertThat(outA.get(7)).matches("rtt min/avg/max/mdev = 4\\.\\d{3}/5\\.\\d{3}/8\\.\\d{3}/1\\.\\d{3} ms");
    }

    @Test
    void tensOfMillisecondsShowOneDecimalAndOutstandingProbesAPipe() {
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.builder().delay("6ms").build());
        App ping = start(a, outA, "ping -c 4 -i 0.005 10.0.0.2");
        runUntilDone(ping, 10 * SECOND);
        assertThat(outA.subList(1, 5)).allMatch(l -> l.matches("64 bytes from 10\\.0\\.0\\.2: icmp_seq=\\d ttl=64 time=\\d\\d\\.\\d ms"));
        assertThat(outA.get(7)).isEqualTo("4 packets transmitted, 4 received, 0% packet loss, time 15ms");
        assertThat(outA.get(8)).matches("rtt min/avg/max/mdev = 12\\.\\d{3}/\\d\\d\\.\\d{3}/24\\.\\d{3}/\\d\\.\\d{3} ms, pipe [34]");
    }

    @Test
    void udpSendAndSinkMeasureRateLossAndLatency() {
        var link = net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.builder().rate("100mbit").delay("5ms").build());
        runUntilDone(start(a, new ArrayList<>(), "ping -c 1 10.0.0.2"), SECOND); // resolve ARP before the loss starts
        link.setConfig(LinkConfig.builder().rate("100mbit").delay("5ms").loss(0.1).build());
        UdpSink sink = (UdpSink) start(b, outB, "udp-sink --port 5001 --duration 3s");
        UdpSend send = (UdpSend) start(a, outA, "udp-send 10.0.0.2:5001 --rate 1000pps --size 1000 --duration 2s");
        runUntilDone(sink, 5 * SECOND);
        assertThat(send.isFinished()).isTrue();
        assertThat(send.sent()).isEqualTo(2000);
        assertThat(outA.get(0)).startsWith("udp-send: 10.0.0.1:").endsWith(" -> 10.0.0.2:5001, 1000 bytes at 1000 datagrams/s (8.000 Mbit/s)");
        assertThat(outA.get(1)).isEqualTo("udp-send: sent 2000 datagrams, 2000000 bytes in 1.999 s (8.004 Mbit/s), 0 errors");
        assertThat(outB.get(0)).isEqualTo("udp-sink: listening on [::]:5001");
        long lost = sink.lostDatagrams();
        assertThat(sink.datagrams() + lost).isEqualTo(2000);
        assertThat(lost).isBetween(150L, 250L); // 10% random loss
        String total = outB.get(outB.size() - 1);
        assertThat(total).startsWith("[  0.000-  3.000 s]  total  " + sink.datagrams() + " datagrams");
        assertThat(total).contains("lost " + lost + " (");
        // 5 ms of propagation, 1042 bytes at 100 Mbit/s, and the stacks' CPU time
        assertThat(total).containsPattern("latency min/avg/max 5\\.\\d{3}/5\\.\\d{3}/5\\.\\d{3} ms");
        assertThat(outB.get(1)).startsWith("[  0.000-  1.000 s]  ");
        assertThat(outB).hasSize(5);
    }

    @Test
    void aSenderFasterThanItsLinkIsHeldBackByItsSendBuffer() {
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.builder().rate("10mbit").build());
        UdpSink sink = (UdpSink) start(b, outB, "udp-sink --port 5001 --interval 0 --duration 2s");
        UdpSend send = (UdpSend) start(a, outA, "udp-send 10.0.0.2:5001 --rate 50mbit --size 1250 --duration 1s");
        runUntilDone(sink, 5 * SECOND);
        // asked for 50 Mbit/s for a second; the link carries 10: the socket blocks (EAGAIN, as a blocking
        // sendto sleeps) rather than the qdisc dropping, so about a fifth goes, all of it arrives
        assertThat(send.sent()).isBetween(900L, 1200L);
        assertThat(a.net.counters().drops(dev.weir.core.DropReason.QDISC_DROP)).isZero();
        assertThat(a.mib(dev.weir.core.Mib.UdpSndbufErrors)).isPositive();
        assertThat(sink.datagrams()).isEqualTo(send.sent());
        assertThat(sink.lostDatagrams()).isZero();
    }

    @Test
    void usageErrorsNameTheOption() {
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.DEFAULT);
        AppContext c = ctx(a, outA);
        Apps apps = Apps.standard();
        assertThatThrownBy(() -> apps.create(c, "udp-send 10.0.0.2:5001 --rate fast")).isInstanceOf(CommandException.class)
                .hasMessageContaining("--rate 'fast'");
        assertThatThrownBy(() -> apps.create(c, "udp-send 10.0.0.2:5001 --size 8")).hasMessageContaining("--size must be 16..65507");
        assertThatThrownBy(() -> apps.create(c, "udp-send 10.0.0.2")).hasMessageContaining("needs a port");
        assertThatThrownBy(() -> apps.create(c, "udp-send 10.0.0.2:5001 --bogus")).hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> apps.create(c, "udp-sink")).hasMessageContaining("--port is required");
        assertThatThrownBy(() -> apps.create(c, "udp-sink --port")).hasMessageContaining("\"--port\" needs a value");
        assertThatThrownBy(() -> apps.create(c, "ping -c")).hasMessageContaining("option requires an argument -- 'c'");
        assertThatThrownBy(() -> apps.create(c, "ping -f 10.0.0.2")).hasMessageContaining("-f is not supported");
        assertThatThrownBy(() -> apps.create(c, "ping -Z 10.0.0.2")).hasMessageStartingWith("ping: invalid option -- 'Z'");
        assertThatThrownBy(() -> apps.create(c, "iperf3 -c x")).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("iperf3: command not found")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(127));
        assertThatThrownBy(() -> apps.register("ping", (x, y) -> null)).hasMessageContaining("'ping' is already registered");
        assertThat(apps.names()).containsExactly("ping", "ping6", "udp-send", "udp-sink");
    }

    @Test
    void stopEndsARunningPingWithItsSummary() {
        net.connect(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", LinkConfig.DEFAULT);
        App ping = start(a, outA, "ping 10.0.0.2");
        net.run(2500 * MS);
        ping.stop();
        assertThat(ping.isFinished()).isTrue();
        assertThat(ping.exitCode()).isZero();
        assertThat(outA).contains("--- 10.0.0.2 ping statistics ---", "3 packets transmitted, 3 received, 0% packet loss, time 2000ms");
    }
}
