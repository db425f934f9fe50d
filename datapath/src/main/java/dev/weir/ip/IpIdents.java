package dev.weir.ip;

import dev.weir.sim.SimRandom;

/**
 * IPv4 identification for datagrams that may be fragmented, as Linux's {@code ip_idents_reserve}
 * ({@code __ip_select_ident}): 2048 counters, picked by a keyed hash of destination, source and
 * protocol, each advanced by the number of segments plus a random amount below the jiffies
 * elapsed since it was last used, so that identifications are hard to predict across flows yet
 * unique within one (RFC 6864 section 4.1). The hash key and the counters' starting values come
 * from the host's random source (Linux uses siphash with a random key; Weir a keyed mix).
 */
final class IpIdents {
    static final int SIZE = 2048;

    private final int[] idents = new int[SIZE];
    private final long[] stamps = new long[SIZE];
    private final long key0;
    private final long key1;
    private final SimRandom random;

    IpIdents(SimRandom random) {
        this.random = random;
        this.key0 = random.nextLong();
        this.key1 = random.nextLong();
        for (int i = 0; i < SIZE; i++) {
            idents[i] = (int) random.nextLong();
        }
    }

    private int bucket(int daddr, int saddr, int protocol) {
        long h = ((long) daddr << 32 | (saddr & 0xffff_ffffL)) ^ key0;
        h *= 0x9e37_79b9_7f4a_7c15L;
        h ^= (protocol ^ key1) * 0xc2b2_ae3d_27d4_eb4fL;
        h ^= h >>> 29;
        h *= 0xbf58_476d_1ce4_e5b9L;
        return (int) (h ^ (h >>> 32)) & (SIZE - 1);
    }

    /** Reserves {@code segs} consecutive identifications for the flow; returns the first (16 bits). */
    int select(int daddr, int saddr, int protocol, int segs, long jiffies) {
        int b = bucket(daddr, saddr, protocol);
        long old = stamps[b];
        int delta = 0;
        if (old != jiffies) {
            stamps[b] = jiffies;
            long gap = jiffies - old;
            delta = gap <= 0 ? 0 : (int) random.nextLong(Math.min(gap, Integer.MAX_VALUE));
        }
        idents[b] += segs + delta;
        return (idents[b] - segs) & 0xffff;
    }
}
