package dev.weir.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * LPM_TRIE: longest-prefix match as Linux's lpm_trie.c (key = prefix length + address; bits past
 * the length ignored; update flags; ENOSPC when full), checked against a linear model.
 */
class LpmTrieMapTest {
    static LpmTrieMapImpl v4(int max) {
        return new LpmTrieMapImpl(new MapDef("r4", MapType.LPM_TRIE, 8, 8, max));
    }

    static LpmTrieMapImpl v6(int max) {
        return new LpmTrieMapImpl(new MapDef("r6", MapType.LPM_TRIE, 20, 8, max));
    }

    static int ip(String s) {
        return Ipv4Address.parse(s).bits();
    }

    @Test
    void longestPrefixWinsForIpv4() {
        LpmTrieMapImpl m = v4(100);
        m.updateV4(0, 0, 1, MapFlags.ANY);                       // default route
        m.updateV4(ip("10.0.0.0"), 8, 8, MapFlags.ANY);
        m.updateV4(ip("10.1.0.0"), 16, 16, MapFlags.ANY);
        m.updateV4(ip("10.1.2.0"), 24, 24, MapFlags.ANY);
        m.updateV4(ip("10.1.2.3"), 32, 32, MapFlags.ANY);
        m.updateV4(ip("10.1.2.128"), 25, 25, MapFlags.ANY);
        assertThat(m.lookupLongV4(ip("10.1.2.3"), -1)).isEqualTo(32);
        assertThat(m.lookupLongV4(ip("10.1.2.4"), -1)).isEqualTo(24);
        assertThat(m.lookupLongV4(ip("10.1.2.200"), -1)).isEqualTo(25);
        assertThat(m.lookupLongV4(ip("10.1.3.1"), -1)).isEqualTo(16);
        assertThat(m.lookupLongV4(ip("10.9.9.9"), -1)).isEqualTo(8);
        assertThat(m.lookupLongV4(ip("192.0.2.1"), -1)).isEqualTo(1);
        assertThat(m.matchLengthV4(ip("10.1.2.200"))).isEqualTo(25);
        // deleting a prefix hands its addresses to the next shorter one
        assertThat(m.deleteV4(ip("10.1.2.0"), 24)).isZero();
        assertThat(m.lookupLongV4(ip("10.1.2.4"), -1)).isEqualTo(16);
        assertThat(m.lookupLongV4(ip("10.1.2.3"), -1)).isEqualTo(32);
        assertThat(m.deleteV4(0, 0)).isZero();
        assertThat(m.lookupLongV4(ip("192.0.2.1"), -1)).isEqualTo(-1);
        assertThat(m.matchLengthV4(ip("192.0.2.1"))).isEqualTo(-1);
    }

    @Test
    void keysAreBpfLpmTrieKeysWithBitsPastTheLengthIgnored() {
        LpmTrieMapImpl m = v4(10);
        byte[] key = {0, 0, 0, 8, 10, 1, 2, 3};        // 10.1.2.3/8 is 10.0.0.0/8
        byte[] value = new byte[8];
        Bytes.put64(value, 0, 77);
        assertThat(m.update(key, 0, value, 0, MapFlags.NOEXIST)).isZero();
        assertThat(m.updateV4(ip("10.0.0.0"), 8, 1, MapFlags.NOEXIST)).isEqualTo(MapError.EEXIST);
        byte[] next = new byte[8];
        assertThat(m.getNextKey(null, 0, next, 0)).isZero();
        assertThat(next).containsExactly(0, 0, 0, 8, 10, 0, 0, 0);
        // a lookup key gives the address and how many of its bits to match
        byte[] probe = {0, 0, 0, 32, 10, 7, 7, 7};
        byte[] out = new byte[8];
        assertThat(m.lookup(probe, 0, out, 0)).isZero();
        assertThat(Bytes.i64(out, 0)).isEqualTo(77);
        m.updateV4(ip("10.7.0.0"), 16, 16, MapFlags.ANY);
        assertThat(m.lookup(new byte[] {0, 0, 0, 12, 10, 7, 7, 7}, 0, out, 0)).isZero();
        assertThat(Bytes.i64(out, 0)).isEqualTo(77);
        assertThat(m.lookup(new byte[] {0, 0, 0, 20, 10, 7, 7, 7}, 0, out, 0)).isZero();
        assertThat(Bytes.i64(out, 0)).isEqualTo(16);
        // delete is exact, not longest match
        assertThat(m.delete(new byte[] {0, 0, 0, 24, 10, 7, 7, 0}, 0)).isEqualTo(MapError.ENOENT);
    }

    @Test
    void flagsPrefixLengthsAndCapacity() {
        LpmTrieMapImpl m = v4(2);
        assertThat(m.updateV4(ip("10.0.0.0"), 33, 1, MapFlags.ANY)).isEqualTo(MapError.EINVAL);
        assertThat(m.update(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}, 0, new byte[8], 0, MapFlags.ANY)).isEqualTo(MapError.EINVAL);
        assertThat(m.updateV4(ip("10.0.0.0"), 8, 1, MapFlags.EXIST)).isEqualTo(MapError.ENOENT);
        assertThat(m.updateV4(ip("10.0.0.0"), 8, 1, MapFlags.ANY)).isZero();
        assertThat(m.updateV4(ip("11.0.0.0"), 8, 1, MapFlags.ANY)).isZero();
        // trie_update_elem: a new prefix in a full trie is ENOSPC; replacing one is fine
        assertThat(m.updateV4(ip("12.0.0.0"), 8, 1, MapFlags.ANY)).isEqualTo(MapError.ENOSPC);
        assertThat(m.updateV4(ip("11.0.0.0"), 8, 5, MapFlags.EXIST)).isZero();
        assertThat(m.lookupLongV4(ip("11.2.3.4"), -1)).isEqualTo(5);
        assertThat(m.updateV4(ip("11.0.0.0"), 8, 5, 9)).isEqualTo(MapError.EINVAL);
        assertThat(m.size()).isEqualTo(2);
        // IPv6 fast paths on an IPv4 map refuse
        assertThat(m.updateV6(0, 0, 0, 1, MapFlags.ANY)).isEqualTo(MapError.EINVAL);
        assertThat(m.lookupLongV6(0, 0, -3)).isEqualTo(-3);
    }

    @Test
    void longestPrefixWinsForIpv6() {
        LpmTrieMapImpl m = v6(100);
        Ipv6Address doc = Ipv6Address.parse("2001:db8::");
        Ipv6Address sub = Ipv6Address.parse("2001:db8:1:2::");
        Ipv6Address host = Ipv6Address.parse("2001:db8:1:2::99");
        m.updateV6(doc.hi(), doc.lo(), 32, 32, MapFlags.ANY);
        m.updateV6(sub.hi(), sub.lo(), 64, 64, MapFlags.ANY);
        m.updateV6(host.hi(), host.lo(), 128, 128, MapFlags.ANY);
        m.updateV6(sub.hi(), sub.lo() | 0x100, 121, 121, MapFlags.ANY);   // ::100 - ::17f
        assertThat(m.lookupLongV6(host.hi(), host.lo(), -1)).isEqualTo(128);
        assertThat(m.lookupLongV6(host.hi(), host.lo() + 1, -1)).isEqualTo(64);
        assertThat(m.lookupLongV6(sub.hi(), sub.lo() | 0x17f, -1)).isEqualTo(121);
        assertThat(m.lookupLongV6(sub.hi(), sub.lo() | 0x180, -1)).isEqualTo(64);
        Ipv6Address other = Ipv6Address.parse("2001:db8:ffff::1");
        assertThat(m.lookupLongV6(other.hi(), other.lo(), -1)).isEqualTo(32);
        assertThat(m.matchLengthV6(other.hi(), other.lo())).isEqualTo(32);
        assertThat(m.lookupLongV6(0, 1, -1)).isEqualTo(-1);
        assertThat(m.deleteV6(sub.hi(), sub.lo(), 64)).isZero();
        assertThat(m.lookupLongV6(host.hi(), host.lo() + 1, -1)).isEqualTo(32);
    }

    @Test
    void emptiedChunksAreFreedAndReused() {
        LpmTrieMapImpl m = v4(10_000);
        int base = m.trieChunks();
        for (int i = 0; i < 300; i++) {
            m.updateV4(ip("10.0.0.0") + (i << 8), 24, i, MapFlags.ANY);
            m.updateV4(ip("10.0.0.0") + (i << 8) + 16, 28, i, MapFlags.ANY);
        }
        int grown = m.trieChunks();
        assertThat(grown).isGreaterThan(base);
        for (int i = 0; i < 300; i++) {
            m.deleteV4(ip("10.0.0.0") + (i << 8), 24);
            m.deleteV4(ip("10.0.0.0") + (i << 8) + 16, 28);
        }
        assertThat(m.trieChunks()).isEqualTo(base);
        assertThat(m.size()).isZero();
        assertThat(m.lookupLongV4(ip("10.0.1.17"), -1)).isEqualTo(-1);
    }

    // ---- properties against a linear model ----

    /** The model: a list of (address, length, value), searched linearly for the longest match. */
    record Route(long hi, long lo, int len, long value) {
        boolean covers(long ahi, long alo) {
            long mhi = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
            long mlo = len <= 64 ? 0 : len >= 128 ? -1L : -1L << (128 - len);
            return ((ahi ^ hi) & mhi) == 0 && ((alo ^ lo) & mlo) == 0;
        }
    }

    static long modelLookup(Map<String, Route> model, long hi, long lo) {
        Route best = null;
        for (Route r : model.values()) {
            if (r.covers(hi, lo) && (best == null || r.len > best.len)) {
                best = r;
            }
        }
        return best == null ? -1 : best.value;
    }

    static long mask(long x, int bitsInWord) {
        return bitsInWord <= 0 ? 0 : bitsInWord >= 64 ? x : x & (-1L << (64 - bitsInWord));
    }

    @Provide
    Arbitrary<List<long[]>> v4ops() {
        // op, address (clustered so prefixes nest), length, value
        Arbitrary<Long> addr = Arbitraries.longs().between(0, 0xffff).map(x -> (0x0a000000L | (x << 8) | (x & 0x3f)) << 32);
        return Arbitraries.integers().between(0, 9).flatMap(op -> addr.flatMap(a -> Arbitraries.integers().between(0, 32)
                .flatMap(len -> Arbitraries.longs().between(0, 1_000_000).map(v -> new long[] {op, a, len, v})))).list().ofMaxSize(200);
    }

    @Property(tries = 150)
    void ipv4AgreesWithALinearModel(@ForAll("v4ops") List<long[]> ops, @ForAll boolean large) {
        LpmTrieMapImpl m = v4(large ? 10_000 : 1000);
        check(m, ops, 32, 150);
    }

    @Provide
    Arbitrary<List<long[]>> v6ops() {
        Arbitrary<Long> hi = Arbitraries.longs().between(0, 0xff).map(x -> 0x2001_0db8_0000_0000L | (x << 24) | (x << 8));
        return Arbitraries.integers().between(0, 9).flatMap(op -> hi.flatMap(h -> Arbitraries.longs().between(0, 3)
                .flatMap(lo -> Arbitraries.integers().between(0, 128).flatMap(len -> Arbitraries.longs().between(0, 1_000_000)
                        .map(v -> new long[] {op, h, lo << 62 | lo, len, v}))))).list().ofMaxSize(200);
    }

    @Property(tries = 150)
    void ipv6AgreesWithALinearModel(@ForAll("v6ops") List<long[]> ops, @ForAll boolean large) {
        LpmTrieMapImpl m = v6(large ? 10_000 : 1000);
        List<long[]> norm = new ArrayList<>();
        for (long[] o : ops) {
            norm.add(new long[] {o[0], o[1], o[3], o[4], o[2]});
        }
        check(m, norm, 128, 150);
    }

    /** ops: {op, hi, len, value[, lo]}; op 0..5 insert/replace, 6..7 delete, 8..9 lookups. */
    private static void check(LpmTrieMapImpl m, List<long[]> ops, int width, int capacity) {
        Map<String, Route> model = new LinkedHashMap<>();
        List<long[]> probes = new ArrayList<>();
        for (long[] o : ops) {
            long hi = o[1];
            long lo = o.length > 4 ? o[4] : 0;
            int len = (int) o[2];
            long mhi = mask(hi, len);
            long mlo = mask(lo, len - 64);
            String k = len + "/" + mhi + "/" + mlo;
            probes.add(new long[] {hi, lo});
            if (o[0] <= 5) {
                int rc = width == 32 ? m.updateV4((int) (hi >>> 32), len, o[3], MapFlags.ANY) : m.updateV6(hi, lo, len, o[3], MapFlags.ANY);
                if (model.containsKey(k) || model.size() < capacity) {
                    assertThat(rc).isZero();
                    model.put(k, new Route(mhi, mlo, len, o[3]));
                } else {
                    assertThat(rc).isEqualTo(MapError.ENOSPC);
                }
            } else if (o[0] <= 7) {
                int rc = width == 32 ? m.deleteV4((int) (hi >>> 32), len) : m.deleteV6(hi, lo, len);
                assertThat(rc).isEqualTo(model.remove(k) != null ? MapError.OK : MapError.ENOENT);
            }
            for (long[] p : probes.subList(Math.max(0, probes.size() - 8), probes.size())) {
                long got = width == 32 ? m.lookupLongV4((int) (p[0] >>> 32), -1) : m.lookupLongV6(p[0], p[1], -1);
                assertThat(got).as("lookup %x:%x after %d ops", p[0], p[1], probes.size()).isEqualTo(modelLookup(model, p[0], p[1]));
                long near = width == 32 ? p[0] ^ (1L << 32) : p[0];
                long nearLo = width == 32 ? 0 : p[1] ^ 1;
                long got2 = width == 32 ? m.lookupLongV4((int) (near >>> 32), -1) : m.lookupLongV6(near, nearLo, -1);
                assertThat(got2).isEqualTo(modelLookup(model, near, nearLo));
            }
        }
        assertThat(m.size()).isEqualTo(model.size());
    }

    @Property(tries = 50)
    void shorterLookupLengthsMatchOnlyThatManyBits(@ForAll @IntRange(min = 0, max = 32) int lookupLen,
                                                   @ForAll("v4ops") List<long[]> ops) {
        LpmTrieMapImpl m = v4(1000);
        Map<String, Route> model = new LinkedHashMap<>();
        for (long[] o : ops) {
            int len = (int) o[2];
            long mhi = mask(o[1], len);
            m.updateV4((int) (o[1] >>> 32), len, o[3], MapFlags.ANY);
            model.put(len + "/" + mhi, new Route(mhi, 0, len, o[3]));
        }
        for (long[] o : ops) {
            byte[] key = new byte[8];
            Bytes.put32(key, 0, lookupLen);
            Bytes.put32(key, 4, (int) (o[1] >>> 32));
            Route best = null;
            for (Route r : model.values()) {
                if (r.len <= lookupLen && r.covers(o[1], 0) && (best == null || r.len > best.len)) {
                    best = r;
                }
            }
            byte[] out = new byte[8];
            int rc = m.lookup(key, 0, out, 0);
            if (best == null) {
                assertThat(rc).isEqualTo(MapError.ENOENT);
            } else {
                assertThat(rc).isZero();
                assertThat(Bytes.i64(out, 0)).isEqualTo(best.value);
            }
        }
    }

    @Test
    void aSyntheticInternetTableAgreesWithAPerLengthModel() {
        // 100,000 BGP-like prefixes (the benchmark's generator), checked at 20,000 addresses against
        // a model that probes every length from 32 down in a map of exact prefixes
        int[][] table = BgpTable.generate(100_000, 7);
        LpmTrieMapImpl m = v4(100_000);
        Map<Long, Long> exact = new java.util.HashMap<>();
        for (int[] r : table) {
            assertThat(m.updateV4(r[0], r[1], r[2], MapFlags.ANY)).isZero();
            exact.put(((long) r[1] << 32) | (r[0] & 0xffffffffL), (long) r[2]);
        }
        assertThat(m.size()).isEqualTo(exact.size());
        int[] probes = BgpTable.lookupAddresses(table, 20_000, 8);
        for (int a : probes) {
            long expected = -1;
            for (int len = 32; len >= 0 && expected < 0; len--) {
                int masked = len == 0 ? 0 : a & (-1 << (32 - len));
                Long v = exact.get(((long) len << 32) | (masked & 0xffffffffL));
                expected = v == null ? -1 : v;
            }
            assertThat(m.lookupLongV4(a, -1)).isEqualTo(expected);
        }
    }
}
