package dev.weir.route;

import dev.weir.core.NetDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * Learned path MTUs per destination (Linux's route exceptions, {@code fib_nh_exception} and the
 * IPv6 {@code rt6_exception}), each with an expiry time. An entry belongs to the route it was
 * learned through: a lookup that ends on another route ignores it, as Linux's exceptions hang off
 * a nexthop. Expired entries read as absent and are dropped when met.
 *
 * <p>Probing allocates nothing: open addressing keyed by the destination's two longs.
 */
public final class PmtuCache {
    /** One learned path MTU. */
    public record Entry(int family, long dstHi, long dstLo, int mtu, boolean locked, long expires, Route route, NetDevice dev) {}

    private long[] keyHi = new long[16];
    private long[] keyLo = new long[16];
    private Entry[] vals = new Entry[16];
    private int shift = 64 - 4;
    private int size;

    private int slot(long hi, long lo) {
        return (int) (((hi * 0x9E37_79B9_7F4A_7C15L) + lo) * 0xC2B2_AE3D_27D4_EB4FL >>> shift);
    }

    /** The entry for {@code (hi, lo)} valid at {@code now} for a lookup that ended on {@code route}, or null. */
    Entry get(long hi, long lo, Route route, long now) {
        int mask = vals.length - 1;
        for (int i = slot(hi, lo); ; i = (i + 1) & mask) {
            Entry e = vals[i];
            if (e == null) {
                return null;
            }
            if (keyLo[i] == lo && keyHi[i] == hi) {
                if (e.expires() <= now) {
                    remove(hi, lo);
                    return null;
                }
                return e.route() == route ? e : null;
            }
        }
    }

    void put(Entry e) {
        remove(e.dstHi(), e.dstLo());
        if ((size + 1) * 2 > vals.length) {
            grow();
        }
        int mask = vals.length - 1;
        int i = slot(e.dstHi(), e.dstLo());
        while (vals[i] != null) {
            i = (i + 1) & mask;
        }
        keyHi[i] = e.dstHi();
        keyLo[i] = e.dstLo();
        vals[i] = e;
        size++;
    }

    void remove(long hi, long lo) {
        int mask = vals.length - 1;
        int i = slot(hi, lo);
        while (vals[i] != null && !(keyLo[i] == lo && keyHi[i] == hi)) {
            i = (i + 1) & mask;
        }
        if (vals[i] == null) {
            return;
        }
        vals[i] = null;
        size--;
        int hole = i;
        for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
            int home = slot(keyHi[j], keyLo[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keyHi[hole] = keyHi[j];
                keyLo[hole] = keyLo[j];
                vals[hole] = vals[j];
                vals[j] = null;
                hole = j;
            }
        }
    }

    private void grow() {
        Entry[] ov = vals;
        keyHi = new long[ov.length * 2];
        keyLo = new long[ov.length * 2];
        vals = new Entry[ov.length * 2];
        shift--;
        size = 0;
        for (Entry e : ov) {
            if (e != null) {
                put(e);
            }
        }
    }

    /** Entries of {@code family} still valid at {@code now}, expired ones dropped. */
    public List<Entry> entries(int family, long now) {
        List<Entry> out = new ArrayList<>();
        List<Entry> dead = new ArrayList<>();
        for (Entry e : vals) {
            if (e == null) {
                continue;
            }
            if (e.expires() <= now) {
                dead.add(e);
            } else if (e.family() == family) {
                out.add(e);
            }
        }
        for (Entry e : dead) {
            remove(e.dstHi(), e.dstLo());
        }
        return out;
    }

    /** Drops the entries of {@code family} ({@code ip route flush cache}). */
    void clear(int family) {
        for (Entry e : entries(family, Long.MIN_VALUE)) {
            remove(e.dstHi(), e.dstLo());
        }
    }

    /** Drops the entries learned through {@code r} (the route went away). */
    void forgetRoute(Route r) {
        List<Entry> gone = new ArrayList<>();
        for (Entry e : vals) {
            if (e != null && e.route() == r) {
                gone.add(e);
            }
        }
        for (Entry e : gone) {
            remove(e.dstHi(), e.dstLo());
        }
    }

    public int size() {
        return size;
    }
}
