package dev.weir.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.NetDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The table's longest-prefix match against a model that scans every route: for random route
 * sets of both families (nested and overlapping prefixes, equal metrics, TOS, reject routes,
 * routes through a device that is down) and random destinations, after random deletions too,
 * the lookup answers what Linux's {@code fib_table_lookup} would: the routes of the longest
 * prefix containing the destination, in TOS-descending, metric-ascending, insertion order; a
 * reject route ends the lookup with its error; a dead or wrong-interface route is skipped, and
 * when a prefix has no usable route the next shorter prefix is tried.
 */
class FibTableLpmTest {
    /** One generated route: prefix, metric, TOS, device (0 eth0, 1 eth1, 2 a device that is down), type. */
    record Spec(long hi, long lo, int len, int metric, int tos, int dev, RouteType type) {}

    private static final long[] V4_BASES = {0x0a00_0000L, 0x0a01_0000L, 0x0a01_0200L, 0xc0a8_0000L, 0};
    private static final long[] V6_BASES = {0x2001_0db8_0000_0000L, 0x2001_0db8_0001_0000L, 0x2001_0db8_0001_0002L,
        0xfe80_0000_0000_0000L, 0};

    @Provide
    Arbitrary<List<Spec>> routes4() {
        Arbitrary<Spec> s = Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4), Arbitraries.integers(),
                Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 3),
                Arbitraries.of(0, 0, 0, 0x10), Arbitraries.integers().between(0, 2), types())
                .as((b, bits, len, metric, tos, dev, type) -> new Spec(0,
                        (V4_BASES[b] | (bits & 0xffffL) << (b == 4 ? 16 : 0)) & 0xffff_ffffL, len, metric, tos, dev, type));
        return s.list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Spec>> manyRoutes4() {
        return spec4().list().ofMinSize(FibTable.INDEX_MIN_ROUTES + 1).ofMaxSize(500);
    }

    private static Arbitrary<Spec> spec4() {
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4), Arbitraries.integers(),
                Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 3),
                Arbitraries.of(0, 0, 0, 0x10), Arbitraries.integers().between(0, 2), types())
                .as((b, bits, len, metric, tos, dev, type) -> new Spec(0,
                        (V4_BASES[b] | (bits & 0xffffL) << (b == 4 ? 16 : 0)) & 0xffff_ffffL, len, metric, tos, dev, type));
    }

    @Provide
    Arbitrary<List<Spec>> routes6() {
        Arbitrary<Spec> s = Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4), Arbitraries.longs(),
                Arbitraries.integers().between(0, 128), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 2), types())
                .as((b, bits, len, metric, dev, type) -> new Spec(V6_BASES[b] | (bits >>> 48), bits & 0xffff_0000_ffffL,
                        len, metric, 0, dev, type));
        return s.list().ofMinSize(1).ofMaxSize(60);
    }

    private static Arbitrary<RouteType> types() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just(RouteType.UNICAST)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(RouteType.UNREACHABLE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(RouteType.BLACKHOLE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(RouteType.THROW)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(RouteType.LOCAL)));
    }

    @Property(tries = 300)
    void ipv4LookupIsWhatAScanOfEveryRouteFinds(@ForAll("routes4") List<Spec> specs,
                                                 @ForAll @Size(min = 1, max = 40) List<Long> bits,
                                                 @ForAll @Size(max = 20) List<Integer> deletions) {
        check(Addr.V4, specs, bits, deletions);
    }

    /** Past 256 routes an IPv4 table indexes lengths per /16 block; deletions leave stale bits, then a rebuild. */
    @Property(tries = 40)
    void largeIpv4TablesWithTheirBlockIndexAnswerTheSame(@ForAll("manyRoutes4") List<Spec> specs,
                                                         @ForAll @Size(min = 1, max = 60) List<Long> bits,
                                                         @ForAll @Size(max = 400) List<Integer> deletions) {
        check(Addr.V4, specs, bits, deletions);
    }

    @Property(tries = 300)
    void ipv6LookupIsWhatAScanOfEveryRouteFinds(@ForAll("routes6") List<Spec> specs,
                                                @ForAll @Size(min = 1, max = 40) List<Long> bits,
                                                @ForAll @Size(max = 20) List<Integer> deletions) {
        check(Addr.V6, specs, bits, deletions);
    }

    private static void check(int family, List<Spec> specs, List<Long> bits, List<Integer> deletions) {
        RouteTestHost h = new RouteTestHost();
        NetDevice down = h.device("eth2", 0x02_00_00_00_00_03L, false);
        NetDevice[] devs = {h.eth0, h.eth1, down};
        FibTable t = new FibTable(family, 100);
        List<Route> model = new ArrayList<>();
        for (Spec s : specs) {
            Route.Builder b = Route.builder(family).dst(s.hi(), s.lo(), s.len()).metric(s.metric()).tos(s.tos()).type(s.type());
            if (!s.type().isReject()) {
                b.dev(devs[s.dev()]);
            }
            Route r = b.build();
            boolean dup = model.stream().anyMatch(x -> x.sameAs(r));
            try {
                t.insert(r, FibTable.NLM_F_CREATE | FibTable.NLM_F_APPEND);
                assertThat(dup).as("inserting %s accepted although identical to one present", r).isFalse();
                model.add(r);
            } catch (RtnlException e) {
                assertThat(dup).as("inserting %s refused: %s", r, e.getMessage()).isTrue();
            }
        }
        compare(family, t, model, specs, bits);
        for (int d : deletions) {
            if (model.isEmpty()) {
                break;
            }
            Route victim = model.get(Math.floorMod(d, model.size()));
            Route gone = t.delete(victim.dstHi(), victim.dstLo(), victim.dstLen(), victim.tos(), x -> x == victim);
            assertThat(gone).isSameAs(victim);
            model.remove(victim);
        }
        compare(family, t, model, specs, bits);
        assertThat(t.size()).isEqualTo(model.size());
        assertThat(t.routes()).containsExactlyInAnyOrderElementsOf(model);
    }

    private static void compare(int family, FibTable t, List<Route> model, List<Spec> specs, List<Long> bits) {
        FibResult res = new FibResult();
        Flow fl = new Flow();
        for (int i = 0; i < bits.size(); i++) {
            Spec s = specs.get(i % specs.size());
            long r = bits.get(i);
            long hi;
            long lo;
            if (i % 4 == 3) {
                hi = family == Addr.V4 ? 0 : r * 0x9E37_79B9_7F4A_7C15L;
                lo = family == Addr.V4 ? r & 0xffff_ffffL : r;
            } else {
                hi = (s.hi() & Addr.maskHi(family, s.len())) | (r & ~Addr.maskHi(family, s.len()));
                lo = (s.lo() & Addr.maskLo(family, s.len())) | ((family == Addr.V4 ? r & 0xffff_ffffL : r) & ~Addr.maskLo(family, s.len()));
            }
            for (int oif : new int[] {0, 2}) {
                for (int tos : new int[] {0, 0x10}) {
                    fl.reset().set(family, hi, lo, 0, 0).oif(oif).tos(tos);
                    res.reset();
                    int err = t.lookup(fl, res);
                    Route expected = null;
                    int expectedErr = -Errno.EAGAIN;
                    for (Route c : ordered(model, hi, lo)) {
                        if (FibTable.check(c, fl) == FibTable.USE) {
                            expected = c;
                            expectedErr = c.type().error();
                            break;
                        }
                    }
                    assertThat(err).as("error for %s", fl).isEqualTo(expectedErr);
                    if (expected != null) {
                        assertThat(res.route()).as("route for %s", fl).isSameAs(expected);
                    }
                }
            }
        }
    }

    /** The model: every route containing the address, longest prefix first, then TOS descending, metric ascending, age. */
    private static List<Route> ordered(List<Route> model, long hi, long lo) {
        List<Route> c = new ArrayList<>();
        for (Route r : model) {
            if (r.covers(hi, lo)) {
                c.add(r);
            }
        }
        c.sort(Comparator.comparingInt((Route r) -> -r.dstLen()).thenComparingInt(r -> -r.tos())
                .thenComparing((a, b) -> Integer.compareUnsigned(a.metric(), b.metric()))
                .thenComparingInt(model::indexOf));
        return c;
    }
}
