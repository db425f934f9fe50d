package dev.weir.bench;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.NetdevQueue;
import dev.weir.route.FibResult;
import dev.weir.route.FibTable;
import dev.weir.route.Flow;
import dev.weir.route.Route;
import dev.weir.route.RtnlException;
import dev.weir.route.Routing;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import dev.weir.skb.SkBuff;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per IPv4 route lookup in a table of {@code routes} routes, with prefix lengths spread
 * roughly as in an Internet table (most /24, then /16 to /23, a few /8 to /15 and longer than
 * /24) and a default route. Destinations: three in four inside a random route's prefix, one in
 * four anywhere. {@link #lookup} is the rule walk and table lookup ({@code fib_lookup});
 * {@link #outputRoute} adds device, next hop, source selection and path MTU.
 *
 * <p>Run: {@code scripts/bench FibBench} (1 fork, 2 warm-up and 3 measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FibBench {
    private static final int DESTS = 1 << 14;

    @Param({"1000", "100000"})
    int routes;

    private Routing routing;
    private final Flow flow = new Flow();
    private final FibResult res = new FibResult();
    private final int[] dsts = new int[DESTS];
    private int next;

    /** A device that only has to exist: routing does not transmit. */
    static final class BenchDevice extends NetDevice {
        BenchDevice(NetNs net, String name, long mac) {
            super(net, name, ARPHRD_ETHER, 1500, 68, 65535, 1, 1);
            setMac(mac);
            setFlag(IFF_BROADCAST | IFF_MULTICAST, true);
        }

        @Override
        public int startXmit(SkBuff skb, NetdevQueue txq) {
            skb.free();
            return NETDEV_TX_OK;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        NetNs ns = new NetNs("bench", new Scheduler(), new SimRandom(1), 1);
        routing = new Routing(ns);
        BenchDevice eth0 = new BenchDevice(ns, "eth0", 0x02_00_00_00_00_01L);
        ns.register(eth0);
        eth0.setCarrier(true);
        eth0.open();
        routing.addresses().add4(eth0, Ipv4Address.parse("100.64.0.2").bits(), 16, Ipv4Address.parse("100.64.0.2").bits(),
                0, 0, 0, 0);
        int gw = Ipv4Address.parse("100.64.0.1").bits();
        routing.addRoute(Route.builder(4).dst4(0, 0).gateway4(gw), FibTable.NLM_F_CREATE | FibTable.NLM_F_EXCL);
        SimRandom rnd = new SimRandom(42);
        int[] prefixes = new int[routes];
        int[] lens = new int[routes];
        int added = 0;
        while (added < routes) {
            int len = length(rnd.nextInt(100));
            int addr = (int) rnd.nextLong(1L << 32) & Ipv4Address.mask(len);
            if ((addr >>> 24) == 100 || (addr >>> 24) == 0 || (addr >>> 24) >= 224) {
                continue;
            }
            try {
                routing.addRoute(Route.builder(4).dst4(addr, len).gateway4(gw).metric(rnd.nextInt(3)),
                        FibTable.NLM_F_CREATE | FibTable.NLM_F_EXCL);
                prefixes[added] = addr;
                lens[added] = len;
                added++;
            } catch (RtnlException duplicate) {
                // the same prefix and metric drawn twice
            }
        }
        for (int i = 0; i < DESTS; i++) {
            if ((i & 3) == 3) {
                dsts[i] = (int) rnd.nextLong(1L << 32);
            } else {
                int k = rnd.nextInt(routes);
                dsts[i] = prefixes[k] | ((int) rnd.nextLong(1L << 32) & ~Ipv4Address.mask(lens[k]));
            }
        }
    }

    /** Prefix length for a percentile 0..99. */
    private static int length(int p) {
        if (p < 55) {
            return 24;
        } else if (p < 65) {
            return 23;
        } else if (p < 73) {
            return 22;
        } else if (p < 79) {
            return 21;
        } else if (p < 84) {
            return 20;
        } else if (p < 88) {
            return 19;
        } else if (p < 91) {
            return 16;
        } else if (p < 95) {
            return 17 + (p - 91) % 2;
        } else if (p < 98) {
            return 8 + p % 8;
        }
        return 25 + p % 8;
    }

    @Benchmark
    public int lookup() {
        flow.reset().v4(dsts[next++ & (DESTS - 1)], 0);
        routing.lookup(flow, res);
        return res.route().dstLen();
    }

    @Benchmark
    public long outputRoute() {
        flow.reset().v4(dsts[next++ & (DESTS - 1)], 0);
        routing.outputRoute(flow, res);
        return res.nextHopLo() + res.srcLo();
    }
}
