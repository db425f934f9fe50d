package dev.weir.bench;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LpmTrieMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.maps.BgpTable;
import dev.weir.maps.CpuContext;
import dev.weir.maps.MapRegistry;
import dev.weir.sim.SimRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per map lookup as a program on the packet path makes them, on tables too large
 * for the CPU caches.
 *
 * <ul>
 *   <li>{@link #hashLookupLong}: a HASH map of 1,000,000 entries (4-byte keys, 8-byte values),
 *       {@code lookupLong} of present keys in random order.
 *   <li>{@link #hashLookupBytes}: the same size with 16-byte keys (an IPv4 5-tuple padded), the
 *       byte-level {@code lookup} from a scratch array.
 *   <li>{@link #hashAddLong}: the counter idiom, {@code addLong} on present keys.
 *   <li>{@link #lpmLookupV4}: an LPM trie holding 750,000 IPv4 routes from {@link BgpTable} (seed
 *       1: /24 62.5%, /23 9.5%, /22 11%, /21 5%, /20 4.5%, /19 2.9%, /18 1.7%, /17 1%, /16 1.4%,
 *       /8-/15 0.5%, clustered in the allocated /16s of unicast space), {@code lookupLongV4} of
 *       addresses nine in ten inside a random route, one in ten anywhere.
 * </ul>
 * Keys and addresses cycle through 2^16 precomputed random ones, so each lookup lands on an
 * unpredictable entry (mostly a cache miss), as packets of many flows do.
 *
 * <p>Run: {@code scripts/bench MapBench} (1 fork, 2 warm-up and 3 measurement iterations of 1 s).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MapBench {
    private static final int ENTRIES = 1_000_000;
    private static final int ROUTES = 750_000;
    private static final int PROBES = 1 << 16;

    private HashMap hash;
    private HashMap hash16;
    private LpmTrieMap lpm;
    private final int[] keys = new int[PROBES];
    private final byte[] keys16 = new byte[PROBES * 16];
    private int[] addrs;
    private final byte[] scratch = new byte[512];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        MapRegistry reg = new MapRegistry("bench", CpuContext.settable(1));
        hash = (HashMap) reg.create(new MapDef("flows", MapType.HASH, 4, 8, ENTRIES));
        hash16 = (HashMap) reg.create(new MapDef("tuples", MapType.HASH, 16, 8, ENTRIES));
        SimRandom r = new SimRandom(1);
        int[] all = new int[ENTRIES];
        byte[] k = new byte[16];
        byte[] v = new byte[8];
        for (int i = 0; i < ENTRIES; i++) {
            all[i] = (int) (r.nextLong() >>> 32);
            if (hash.updateLong(all[i], i, MapFlags.ANY) != 0) {
                throw new IllegalStateException("hash map refused entry " + i);
            }
            tuple(all[i], k, 0);
            hash16.update(k, 0, v, 0, MapFlags.ANY);
        }
        for (int i = 0; i < PROBES; i++) {
            keys[i] = all[r.nextInt(ENTRIES)];
            tuple(keys[i], keys16, i * 16);
        }
        lpm = (LpmTrieMap) reg.create(new MapDef("routes", MapType.LPM_TRIE, 8, 8, ROUTES));
        int[][] table = BgpTable.generate(ROUTES, 1);
        for (int[] route : table) {
            lpm.updateV4(route[0], route[1], route[2], MapFlags.ANY);
        }
        addrs = BgpTable.lookupAddresses(table, PROBES, 2);
    }

    /** A 5-tuple-like 16-byte key derived from {@code x}: addresses, ports, protocol. */
    private static void tuple(int x, byte[] b, int off) {
        dev.weir.api.wire.Bytes.put32(b, off, x);
        dev.weir.api.wire.Bytes.put32(b, off + 4, Integer.rotateLeft(x, 13) ^ 0x0a000000);
        dev.weir.api.wire.Bytes.put32(b, off + 8, x * 31);
        b[off + 12] = 6;
    }

    @Benchmark
    public long hashLookupLong() {
        return hash.lookupLong(keys[next++ & (PROBES - 1)], -1);
    }

    @Benchmark
    public int hashLookupBytes() {
        int i = next++ & (PROBES - 1);
        return hash16.lookup(keys16, i * 16, scratch, 0);
    }

    @Benchmark
    public int hashAddLong() {
        return hash.addLong(keys[next++ & (PROBES - 1)], 1);
    }

    @Benchmark
    public long lpmLookupV4() {
        return lpm.lookupLongV4(addrs[next++ & (PROBES - 1)], -1);
    }
}
