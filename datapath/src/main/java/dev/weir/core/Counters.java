package dev.weir.core;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host's counters: the {@link Mib} table that {@code nstat} reads and the drop table keyed by
 * {@link DropReason}. Increments are a plain array store: cheap enough for every packet.
 */
public final class Counters {
    private final long[] mib = new long[Mib.values().length];
    private final long[] drops = new long[DropReason.values().length];

    public void inc(Mib m) {
        mib[m.ordinal()]++;
    }

    public void add(Mib m, long n) {
        mib[m.ordinal()] += n;
    }

    public void dec(Mib m) {
        mib[m.ordinal()]--;
    }

    /** For gauges such as TcpCurrEstab and IpForwarding. */
    public void set(Mib m, long v) {
        mib[m.ordinal()] = v;
    }

    public long get(Mib m) {
        return mib[m.ordinal()];
    }

    void countDrop(DropReason r) {
        drops[r.ordinal()]++;
    }

    public long drops(DropReason r) {
        return drops[r.ordinal()];
    }

    public long totalDrops() {
        long t = 0;
        for (long d : drops) {
            t += d;
        }
        return t;
    }

    /** Every MIB counter in declaration order (nstat's order within each table). */
    public Map<Mib, Long> mibSnapshot() {
        Map<Mib, Long> m = new EnumMap<>(Mib.class);
        for (Mib x : Mib.values()) {
            m.put(x, mib[x.ordinal()]);
        }
        return m;
    }

    /** Non-zero drop counts by reason name. */
    public Map<String, Long> dropSnapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            if (drops[r.ordinal()] != 0) {
                m.put(r.name(), drops[r.ordinal()]);
            }
        }
        return m;
    }
}
