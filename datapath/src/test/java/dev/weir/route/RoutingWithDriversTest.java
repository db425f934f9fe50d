package dev.weir.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.Args;
import dev.weir.link.Link;
import dev.weir.link.LinkConfig;
import dev.weir.nic.Loopback;
import dev.weir.nic.Nic;
import dev.weir.qdisc.Qdiscs;
import dev.weir.testing.TestHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Routing on a host built from the real drivers: the loopback device and a two-queue NIC on a
 * link, with the qdisc layer's defaults. {@code ip addr show} prints lo exactly as Linux does and
 * the NIC with its root qdisc (mq, as Linux shows a multi-queue NIC), and the NIC gets its
 * link-local address and routes once its carrier comes from the link.
 */
class RoutingWithDriversTest {
    private static String ip(Routing r, String line) {
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out);
        Ip.run(r, new Args("ip", Args.split(line)), pw, pw);
        pw.flush();
        return out.toString();
    }

    @Test
    void loopbackAndANicLookAsOnLinux() {
        TestHost h = new TestHost("h", 2);
        Loopback lo = Loopback.create(h.softnet);
        Qdiscs.createDefault(lo);
        Routing routing = new Routing(h.net);
        Link link = new Link(h.sim, "peer", "h:eth0", LinkConfig.DEFAULT);
        Nic eth0 = Nic.create(h.softnet, "eth0", 0x02_00_00_00_00_01L, 2);
        Qdiscs.createDefault(eth0);
        eth0.connect(link.b());
        eth0.open();
        ip(routing, "addr add 10.0.1.2/24 dev eth0");
        assertThat(ip(routing, "addr show dev lo")).isEqualTo("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                    inet6 ::1/128 scope host\s
                       valid_lft forever preferred_lft forever
                """);
        assertThat(ip(routing, "addr show dev eth0")).isEqualTo("""
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                    inet 10.0.1.2/24 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet6 fe80::ff:fe00:1/64 scope link\s
                       valid_lft forever preferred_lft forever
                """);
        assertThat(ip(routing, "route get 10.0.1.9")).isEqualTo("10.0.1.9 dev eth0 src 10.0.1.2 uid 0 \n    cache \n");
    }
}
