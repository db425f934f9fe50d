package dev.weir.route;

import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A namespace with routing and test devices, shaped like the host the golden scenarios were
 * recorded on: lo (1), eth0 (2, 02:00:00:00:00:01), eth1 (3, 02:00:00:00:00:02), all up with a
 * carrier. Routing does not transmit, so the devices only count what they are given.
 */
final class RouteTestHost {
    /** A device that accepts and frees every packet: routing only needs its identity and state. */
    static final class TestDevice extends NetDevice {
        int sent;

        TestDevice(NetNs net, String name, long mac, boolean loopback) {
            super(net, name, loopback ? ARPHRD_LOOPBACK : ARPHRD_ETHER, loopback ? 65536 : 1500, 68, 65535, 1, 1);
            setMac(mac);
            if (loopback) {
                setFlag(IFF_LOOPBACK, true);
            } else {
                setFlag(IFF_BROADCAST | IFF_MULTICAST, true);
            }
        }

        @Override
        public int startXmit(SkBuff skb, NetdevQueue txq) {
            sent++;
            skb.free();
            return NETDEV_TX_OK;
        }
    }

    /** What one command printed and how it ended. */
    record Result(String out, String err, int status) {}

    final Scheduler scheduler = new Scheduler();
    final NetNs ns = new NetNs("h", scheduler, new SimRandom(1), 1);
    final Routing routing;
    final TestDevice lo;
    final TestDevice eth0;
    final TestDevice eth1;

    RouteTestHost() {
        lo = device("lo", 0, true);
        routing = new Routing(ns);
        eth0 = device("eth0", 0x02_00_00_00_00_01L, false);
        eth1 = device("eth1", 0x02_00_00_00_00_02L, false);
        for (TestDevice d : new TestDevice[] {lo, eth0, eth1}) {
            d.setCarrier(true);
            d.open();
        }
    }

    TestDevice device(String name, long mac, boolean loopback) {
        TestDevice d = new TestDevice(ns, name, mac, loopback);
        ns.register(d);
        return d;
    }

    /** Advances virtual time. */
    void advance(long nanos) {
        scheduler.runUntil(scheduler.now() + nanos);
    }

    /**
     * Runs one scenario line: an {@code ip} command, or {@code carrier DEV on|off},
     * {@code pmtu ADDR MTU}, {@code sysctl -qw KEY=VALUE}, {@code ip link set DEV up|down}.
     */
    Result run(String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        int status = 0;
        java.util.List<String> w = Args.split(line);
        try {
            switch (w.get(0)) {
                case "carrier" -> ns.requireDevice(w.get(1)).setCarrier(w.get(2).equals("on"));
                case "pmtu" -> {
                    String a = w.get(1);
                    int mtu = Integer.parseInt(w.get(2));
                    if (a.contains(":")) {
                        Ipv6Address x = Ipv6Address.parse(a);
                        routing.learnPmtu(Addr.V6, x.hi(), x.lo(), mtu);
                    } else {
                        routing.learnPmtu4(dev.weir.api.wire.Ipv4Address.parse(a).bits(), mtu);
                    }
                }
                case "sysctl" -> {
                    String kv = w.get(w.size() - 1);
                    int eq = kv.indexOf('=');
                    ns.sysctls().set(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "ip" -> {
                    if (w.size() >= 5 && w.get(1).equals("link") && w.get(2).equals("set")) {
                        NetDevice d = ns.requireDevice(w.get(3));
                        if (w.get(4).equals("up")) {
                            d.open();
                        } else {
                            d.close();
                        }
                    } else {
                        Ip.run(routing, new Args("ip", w.subList(1, w.size())), o, e);
                    }
                }
                default -> throw new IllegalArgumentException("unknown scenario command: " + line);
            }
        } catch (CommandException x) {
            e.print(x.getMessage() + "\n");
            status = x.exitCode();
        }
        o.flush();
        e.flush();
        return new Result(out.toString(), err.toString(), status);
    }

    /** Runs {@code line} and returns its standard output, failing on any error. */
    String ok(String line) {
        Result r = run(line);
        if (r.status() != 0 || !r.err().isEmpty()) {
            throw new AssertionError(line + " failed (" + r.status() + "): " + r.err());
        }
        return r.out();
    }
}
