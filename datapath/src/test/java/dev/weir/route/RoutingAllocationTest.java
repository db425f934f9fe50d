package dev.weir.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet lookups allocate nothing (the hot-path rule): ten thousand rounds of output,
 * input and plain lookups of both families, through policy rules, a throw, a path-MTU exception
 * and source selection, allocate less than a byte per round on this thread, where one 16-byte
 * object per call would be hundreds of kilobytes.
 */
class RoutingAllocationTest {
    private static final int ROUNDS = 10_000;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void outputInputAndLookupAllocateNothing() {
        RouteTestHost h = new RouteTestHost();
        for (String c : new String[] {
            "ip addr add 10.0.1.2/24 dev eth0", "ip addr add 192.168.7.1/24 dev eth1",
            "ip -6 addr add 2001:db8:1::2/64 dev eth0", "ip route add default via 10.0.1.1",
            "ip route add 10.9.0.0/16 via 192.168.7.254", "ip route add throw 10.9.0.0/16 table 100",
            "ip route add default via 192.168.7.253 table 100", "ip rule add fwmark 0x10 table 100",
            "ip -6 route add default via 2001:db8:1::1", "ip route add 10.0.2.0/24 via 10.0.1.1",
        }) {
            h.ok(c);
        }
        h.ns.sysctls().set("net.ipv4.ip_forward", "1");
        h.routing.learnPmtu4(Ipv4Address.parse("10.0.2.2").bits(), 1400);
        Routing r = h.routing;
        Flow fl = new Flow();
        FibResult res = new FibResult();
        int d1 = Ipv4Address.parse("10.9.1.1").bits();
        int d2 = Ipv4Address.parse("10.0.2.2").bits();
        int src = Ipv4Address.parse("192.168.7.9").bits();
        Ipv6Address d6 = Ipv6Address.parse("2001:db8:7::1");
        int eth1 = h.eth1.ifindex();
        long[] sink = new long[1];
        Runnable round = () -> {
            fl.reset().v4(d1, 0).mark(0x10);
            r.outputRoute(fl, res);
            sink[0] += res.nextHopLo() + res.srcLo();
            fl.reset().v4(d2, 0);
            r.outputRoute(fl, res);
            sink[0] += res.mtu();
            fl.reset().v4(d1, src).iif(eth1);
            r.inputRoute(fl, res);
            sink[0] += res.type().ordinal();
            fl.reset().v6(d6.hi(), d6.lo(), 0, 0);
            r.outputRoute(fl, res);
            sink[0] += res.srcLo();
            fl.reset().v4(d1, 0);
            r.lookup(fl, res);
            sink[0] += res.table();
        };
        // Warm-up: class loading, first calls and JIT compilation are not per packet.
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        long before = allocated();
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        long bytes = allocated() - before;

        assertThat(sink[0]).isNotZero();
        assertThat(res.error()).isZero();
        assertThat(bytes).isLessThan(ROUNDS);
    }
}
