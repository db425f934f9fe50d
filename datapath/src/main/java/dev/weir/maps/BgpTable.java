package dev.weir.maps;

import dev.weir.sim.SimRandom;
import java.util.HashSet;
import java.util.Set;

/**
 * A synthetic IPv4 Internet routing table with the shape of the real default-free zone, for
 * LPM tests, benchmarks and demonstrations: the same seed gives the same table.
 *
 * <p><b>Prefix lengths</b> follow the public BGP table's distribution (roughly that of the
 * DFZ in the 2020s): /24 62.5%, /23 9.5%, /22 11%, /21 5%, /20 4.5%, /19 2.9%, /18 1.7%,
 * /17 1%, /16 1.4%, and /8 to /15 together 0.5%, fewer the shorter (a handful of /8s); nothing
 * longer than /24 (longer prefixes are filtered in the DFZ). <b>Addresses</b> are clustered as allocations are: each prefix falls in
 * a unicast /8 (1 to 223 but not 10 or 127), in one of the
 * 60% of that /8's /16s that are "allocated" (a fixed pseudo-random subset per /8), at a random
 * aligned position; more-specifics therefore nest under shorter prefixes as real ones do.
 * Duplicates are drawn again until the table has the requested number of distinct prefixes.
 */
public final class BgpTable {
    private BgpTable() {}

    /** Cumulative weights (per 100,000) of prefix lengths 8..24 (index = length - 8). */
    private static final int[] CUMULATIVE = cumulative(new int[] {
        // /8 /9 /10 /11 /12 /13 /14 /15
        2, 2, 5, 12, 35, 70, 130, 230,
        // /16 /17 /18 /19 /20 /21 /22 /23 /24
        1400, 1000, 1700, 2900, 4500, 5000, 11000, 9500, 62514});

    private static int[] cumulative(int[] weights) {
        int[] c = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        if (sum != 100_000) {
            throw new AssertionError("prefix length weights sum to " + sum + ", not 100000");
        }
        return c;
    }

    private static boolean unicastSlash8(int a) {
        return a >= 1 && a <= 223 && a != 10 && a != 127;
    }

    /** True when /16 number {@code b} of /8 {@code a} counts as allocated (a fixed 60% per /8). */
    private static boolean allocated(int a, int b, long seed) {
        long h = (seed * 0x9e3779b97f4a7c15L) ^ ((long) a << 8 | b);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return Long.remainderUnsigned(h, 100) < 60;
    }

    private static int length(SimRandom r) {
        int x = r.nextInt(100_000);
        for (int i = 0; i < CUMULATIVE.length; i++) {
            if (x < CUMULATIVE[i]) {
                return 8 + i;
            }
        }
        return 24;
    }

    /**
     * {@code count} distinct prefixes: rows of {address (network order, bits past the length
     * zero), length, value}, the value a next-hop number 1..4096.
     */
    public static int[][] generate(int count, long seed) {
        SimRandom r = new SimRandom(seed).split("bgp-table");
        Set<Long> seen = new HashSet<>(count * 2);
        int[][] out = new int[count][];
        int n = 0;
        while (n < count) {
            int len = length(r);
            int a;
            do {
                a = 1 + r.nextInt(223);
            } while (!unicastSlash8(a));
            int b;
            do {
                b = r.nextInt(256);
            } while (len > 16 && !allocated(a, b, seed));
            int addr = (a << 24) | (b << 16) | r.nextInt(1 << 16);
            addr &= -1 << (32 - len);
            long key = ((long) len << 32) | (addr & 0xffffffffL);
            if (seen.add(key)) {
                out[n++] = new int[] {addr, len, 1 + r.nextInt(4096)};
            }
        }
        return out;
    }

    /**
     * {@code n} addresses to look up: nine in ten inside a random prefix of {@code table} (a
     * random host of it), one in ten anywhere in unicast space.
     */
    public static int[] lookupAddresses(int[][] table, int n, long seed) {
        SimRandom r = new SimRandom(seed).split("bgp-lookups");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) < 9) {
                int[] p = table[r.nextInt(table.length)];
                int host = p[1] == 32 ? 0 : (int) (r.nextLong() >>> (32 + p[1]));
                out[i] = p[0] | host;
            } else {
                out[i] = (1 + r.nextInt(223)) << 24 | r.nextInt(1 << 24);
            }
        }
        return out;
    }
}
