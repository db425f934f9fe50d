package dev.weir.maps;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import java.util.Arrays;

/**
 * The values of a map with entries numbered 0..maxEntries-1 (hash, array, LPM trie): one
 * {@code long[]} of {@link Words}, with one copy per CPU for per-CPU maps (entry-major: an
 * entry's CPUs sit together). Programs reach the current CPU's copy, user space all of them at
 * a stride of the value size rounded up to 8, as Linux's {@code bpf()} lays per-CPU values out.
 */
final class ValueStore {
    final long[] vals;
    /** Words per value. */
    final int vw;
    final int nCpu;
    final boolean perCpu;
    /** True when a value fits the long fast paths (valueSize &lt;= 8). */
    final boolean longValue;
    private final int valShift;
    private final int valueSize;
    private final CpuContext cpus;

    ValueStore(MapDef def, CpuContext cpus) {
        this.perCpu = def.type().perCpu();
        this.cpus = cpus;
        this.nCpu = perCpu ? cpus.numCpus() : 1;
        this.valueSize = def.valueSize();
        this.vw = Words.count(valueSize);
        long words = (long) def.maxEntries() * nCpu * vw;
        if (words > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.maxEntries() + " values of " + valueSize
                    + " bytes" + (perCpu ? " on " + nCpu + " CPUs" : "") + " are larger than Weir supports (16 GiB)");
        }
        this.vals = new long[(int) words];
        this.longValue = valueSize <= 8;
        this.valShift = Words.shift(valueSize);
    }

    /** Index of entry {@code e}'s value on the current CPU. */
    int slot(int e) {
        return perCpu ? (e * nCpu + cpus.currentCpu()) * vw : e * vw;
    }

    /** Index of entry {@code e}'s value on CPU {@code cpu}. */
    int slot(int e, int cpu) {
        return (e * nCpu + cpu) * vw;
    }

    long getLong(int e) {
        return vals[slot(e)] >>> valShift;
    }

    void setLong(int e, long v) {
        vals[slot(e)] = v << valShift;
    }

    /** Adds to the current CPU's value, wrapping at the value's width. */
    void addLong(int e, long delta) {
        vals[slot(e)] += delta << valShift;
    }

    /** The value on CPU {@code cpu} (long values only). */
    long onCpu(int e, int cpu) {
        return vals[slot(e, cpu)] >>> valShift;
    }

    /** The sum over all CPUs (long values only). */
    long sum(int e) {
        long s = 0;
        for (int c = 0; c < nCpu; c++) {
            s += vals[slot(e, c)] >>> valShift;
        }
        return s;
    }

    void read(int e, byte[] dst, int off) {
        Words.unpack(vals, slot(e), dst, off, valueSize);
    }

    void write(int e, byte[] src, int off) {
        Words.pack(src, off, valueSize, vals, slot(e));
    }

    /** Copies entry {@code e}'s value into {@code dst}: OK, or ENOENT when {@code e} is -1 (no entry). */
    int readTo(int e, byte[] dst, int off) {
        if (e < 0) {
            return MapError.ENOENT;
        }
        read(e, dst, off);
        return MapError.OK;
    }

    /** Sets entry {@code e}'s value from {@code src}: OK, or {@code e} itself when it is a negative MapError. */
    int writeFrom(int e, byte[] src, int off) {
        if (e < 0) {
            return e;
        }
        write(e, src, off);
        return MapError.OK;
    }

    /** Zeroes entry {@code e} on every CPU. */
    void zero(int e) {
        int base = slot(e, 0);
        Arrays.fill(vals, base, base + nCpu * vw, 0L);
    }

    /** Bytes between two CPUs' values in a user-space buffer. */
    int stride() {
        return (valueSize + 7) & ~7;
    }

    /** Size of a user-space value: every CPU's, at {@link #stride()}, for per-CPU maps. */
    int userSize() {
        return perCpu ? nCpu * stride() : valueSize;
    }

    /** Copies every CPU's value of {@code e} into {@code dst} (padding zeroed). */
    void readAll(int e, byte[] dst, int off) {
        int stride = stride();
        Arrays.fill(dst, off, off + nCpu * stride, (byte) 0);
        for (int c = 0; c < nCpu; c++) {
            Words.unpack(vals, slot(e, c), dst, off + c * stride, valueSize);
        }
    }

    /** Sets every CPU's value of {@code e} from {@code src}. */
    void writeAll(int e, byte[] src, int off) {
        int stride = stride();
        for (int c = 0; c < nCpu; c++) {
            Words.pack(src, off + c * stride, valueSize, vals, slot(e, c));
        }
    }

    long memoryBytes() {
        return 8L * vals.length;
    }
}
