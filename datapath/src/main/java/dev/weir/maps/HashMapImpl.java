package dev.weir.maps;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LruHashMap;
import dev.weir.api.maps.LruPerCpuHashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.PerCpuHashMap;
import java.util.Arrays;

/**
 * The hash maps: {@code HASH} (this class), {@code LRU_HASH}, {@code PERCPU_HASH} and
 * {@code LRU_PERCPU_HASH} (the nested subclasses, which add only their interface). Keys live in
 * a {@link HashCore}; values in one {@code long[]} indexed by entry (and CPU), as
 * {@link Words}. Everything is allocated at creation; no operation allocates.
 *
 * <p>Update follows Linux's {@code htab_map_update_elem}: unknown flags are EINVAL before
 * anything else; then the flags are checked against the key's presence (EEXIST, ENOENT); then a
 * new key needs a free entry (E2BIG, or an eviction for LRU maps).
 */
public class HashMapImpl extends MapImpl implements HashMap {
    final HashCore core;
    final long[] vals;
    /** Words per value. */
    final int vw;
    final int nCpu;
    final boolean perCpu;
    private final CpuContext cpus;
    private final boolean longKey;
    private final boolean longValue;
    private final int keyShift;
    private final int valShift;

    /** The map for {@code def}'s hash type. */
    public static HashMapImpl create(MapDef def, CpuContext cpus) {
        return switch (def.type()) {
            case HASH -> new HashMapImpl(def, cpus);
            case LRU_HASH -> new Lru(def, cpus);
            case PERCPU_HASH -> new PerCpu(def, cpus);
            case LRU_PERCPU_HASH -> new LruPerCpu(def, cpus);
            default -> throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.type().linuxName() + " is not a hash type");
        };
    }

    HashMapImpl(MapDef def, CpuContext cpus) {
        super(def);
        this.perCpu = def.type().perCpu();
        this.cpus = cpus;
        this.nCpu = perCpu ? cpus.numCpus() : 1;
        this.core = new HashCore(def.keySize(), def.maxEntries(), def.type().isLru());
        this.vw = Words.count(def.valueSize());
        long words = (long) def.maxEntries() * nCpu * vw;
        if (words > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.maxEntries() + " values of " + def.valueSize()
                    + " bytes" + (perCpu ? " on " + nCpu + " CPUs" : "") + " is larger than Weir supports (16 GiB)");
        }
        this.vals = new long[(int) words];
        this.longKey = def.keySize() <= 8;
        this.longValue = def.valueSize() <= 8;
        this.keyShift = Words.shift(def.keySize());
        this.valShift = Words.shift(def.valueSize());
    }

    /** Index in {@link #vals} of entry {@code e}'s value on the current CPU. */
    private int slot(int e) {
        return perCpu ? (e * nCpu + cpus.currentCpu()) * vw : e * vw;
    }

    /** A new entry's values on every CPU start at zero (Linux zeroes the other CPUs of a program's insert). */
    private int fresh(int e) {
        if (perCpu || vw > 1) {
            int base = e * nCpu * vw;
            Arrays.fill(vals, base, base + nCpu * vw, 0L);
        }
        return slot(e);
    }

    // ---- fast paths ----

    @Override
    public long lookupLong(long key, long absent) {
        if (!longKey || !longValue) {
            return absent;
        }
        int e = core.findLong(key << keyShift);
        if (e < 0) {
            return absent;
        }
        core.touch(e);
        return vals[slot(e)] >>> valShift;
    }

    @Override
    public boolean containsLong(long key) {
        if (!longKey) {
            return false;
        }
        int e = core.findLong(key << keyShift);
        if (e >= 0) {
            core.touch(e);
        }
        return e >= 0;
    }

    @Override
    public int updateLong(long key, long value, long flags) {
        if (!longKey || !longValue || badFlags(flags)) {
            return MapError.EINVAL;
        }
        long w = key << keyShift;
        int e = core.findLong(w);
        if (e >= 0) {
            if (flags == MapFlags.NOEXIST) {
                return MapError.EEXIST;
            }
            core.touch(e);
            vals[slot(e)] = value << valShift;
            return MapError.OK;
        }
        if (flags == MapFlags.EXIST) {
            return MapError.ENOENT;
        }
        e = core.insertLong(w);
        if (e < 0) {
            return MapError.E2BIG;
        }
        vals[fresh(e)] = value << valShift;
        return MapError.OK;
    }

    @Override
    public int deleteLong(long key) {
        if (!longKey) {
            return MapError.EINVAL;
        }
        int e = core.findLong(key << keyShift);
        if (e < 0) {
            return MapError.ENOENT;
        }
        core.remove(e);
        return MapError.OK;
    }

    @Override
    public int addLong(long key, long delta) {
        if (!longKey || !longValue) {
            return MapError.EINVAL;
        }
        long w = key << keyShift;
        int e = core.findLong(w);
        if (e >= 0) {
            core.touch(e);
            vals[slot(e)] += delta << valShift;
            return MapError.OK;
        }
        e = core.insertLong(w);
        if (e < 0) {
            return MapError.E2BIG;
        }
        vals[fresh(e)] = delta << valShift;
        return MapError.OK;
    }

    @Override
    public int lookup(long key, byte[] value, int valueOff) {
        if (!longKey) {
            return MapError.EINVAL;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        int e = core.findLong(key << keyShift);
        if (e < 0) {
            return MapError.ENOENT;
        }
        core.touch(e);
        Words.unpack(vals, slot(e), value, valueOff, valueSize());
        return MapError.OK;
    }

    @Override
    public int update(long key, byte[] value, int valueOff, long flags) {
        if (!longKey || badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        long w = key << keyShift;
        int e = core.findLong(w);
        if (e >= 0) {
            if (flags == MapFlags.NOEXIST) {
                return MapError.EEXIST;
            }
            core.touch(e);
            Words.pack(value, valueOff, valueSize(), vals, slot(e));
            return MapError.OK;
        }
        if (flags == MapFlags.EXIST) {
            return MapError.ENOENT;
        }
        e = core.insertLong(w);
        if (e < 0) {
            return MapError.E2BIG;
        }
        Words.pack(value, valueOff, valueSize(), vals, fresh(e));
        return MapError.OK;
    }

    // ---- byte-level operations ----

    @Override
    public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, keyOff);
        if (e < 0) {
            return MapError.ENOENT;
        }
        core.touch(e);
        Words.unpack(vals, slot(e), value, valueOff, valueSize());
        return MapError.OK;
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, keyOff);
        if (e >= 0) {
            if (flags == MapFlags.NOEXIST) {
                return MapError.EEXIST;
            }
            core.touch(e);
            Words.pack(value, valueOff, valueSize(), vals, slot(e));
            return MapError.OK;
        }
        if (flags == MapFlags.EXIST) {
            return MapError.ENOENT;
        }
        e = core.insert(key, keyOff);
        if (e < 0) {
            return MapError.E2BIG;
        }
        Words.pack(value, valueOff, valueSize(), vals, fresh(e));
        return MapError.OK;
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        if (!Words.fits(key, keyOff, keySize())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, keyOff);
        if (e < 0) {
            return MapError.ENOENT;
        }
        core.remove(e);
        return MapError.OK;
    }

    @Override
    public int getNextKey(byte[] key, int keyOff, byte[] nextKey, int nextKeyOff) {
        if (!Words.fits(nextKey, nextKeyOff, keySize()) || key != null && !Words.fits(key, keyOff, keySize())) {
            return MapError.EFAULT;
        }
        int e = key == null ? -1 : core.find(key, keyOff);
        int n = core.next(e);
        if (n < 0) {
            return MapError.ENOENT;
        }
        core.keyBytes(n, nextKey, nextKeyOff);
        return MapError.OK;
    }

    @Override
    public int size() {
        return core.count();
    }

    /** Entries evicted to make room since creation (LRU maps; 0 otherwise). */
    public long evictions() {
        return core.evictions;
    }

    // ---- per-CPU user space (declared by the per-CPU subclasses' interface) ----

    public int numCpus() {
        return nCpu;
    }

    private int stride() {
        return (valueSize() + 7) & ~7;
    }

    public int lookupAllCpus(byte[] key, int keyOff, byte[] values, int valuesOff) {
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(values, valuesOff, nCpu * stride())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, keyOff);
        if (e < 0) {
            return MapError.ENOENT;
        }
        copyOut(e, values, valuesOff);
        return MapError.OK;
    }

    private void copyOut(int e, byte[] values, int off) {
        int stride = stride();
        Arrays.fill(values, off, off + nCpu * stride, (byte) 0);
        for (int c = 0; c < nCpu; c++) {
            Words.unpack(vals, (e * nCpu + c) * vw, values, off + c * stride, valueSize());
        }
    }

    public int updateAllCpus(byte[] key, int keyOff, byte[] values, int valuesOff, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(values, valuesOff, nCpu * stride())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, keyOff);
        if (e >= 0 && flags == MapFlags.NOEXIST) {
            return MapError.EEXIST;
        }
        if (e < 0) {
            if (flags == MapFlags.EXIST) {
                return MapError.ENOENT;
            }
            e = core.insert(key, keyOff);
            if (e < 0) {
                return MapError.E2BIG;
            }
        } else {
            core.touch(e);
        }
        int stride = stride();
        for (int c = 0; c < nCpu; c++) {
            Words.pack(values, valuesOff + c * stride, valueSize(), vals, (e * nCpu + c) * vw);
        }
        return MapError.OK;
    }

    public long lookupLongOnCpu(long key, int cpu, long absent) {
        if (!longKey || !longValue || cpu < 0 || cpu >= nCpu) {
            return absent;
        }
        int e = core.findLong(key << keyShift);
        return e < 0 ? absent : vals[e * nCpu + cpu] >>> valShift;
    }

    public long sumLong(long key) {
        if (!longKey || !longValue) {
            return 0;
        }
        int e = core.findLong(key << keyShift);
        if (e < 0) {
            return 0;
        }
        long sum = 0;
        for (int c = 0; c < nCpu; c++) {
            sum += vals[e * nCpu + c] >>> valShift;
        }
        return sum;
    }

    // ---- MapImpl ----

    @Override
    public int userValueSize() {
        return perCpu ? nCpu * stride() : valueSize();
    }

    @Override
    public long memoryBytes() {
        return core.memoryBytes() + 8L * vals.length;
    }

    @Override
    public int userCount() {
        return core.count();
    }

    @Override
    public int userLookup(byte[] key, byte[] value) {
        return perCpu ? lookupAllCpus(key, 0, value, 0) : lookupUser(key, value);
    }

    private int lookupUser(byte[] key, byte[] value) {
        if (!Words.fits(key, 0, keySize()) || !Words.fits(value, 0, valueSize())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, 0);
        if (e < 0) {
            return MapError.ENOENT;
        }
        Words.unpack(vals, e * vw, value, 0, valueSize());
        return MapError.OK;
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        return perCpu ? updateAllCpus(key, 0, value, 0, flags) : update(key, 0, value, 0, flags);
    }

    @Override
    public int userDelete(byte[] key) {
        return delete(key, 0);
    }

    @Override
    public int userGetNextKey(byte[] key, byte[] nextKey) {
        return getNextKey(key, 0, nextKey, 0);
    }

    /** {@code LRU_HASH}. */
    public static final class Lru extends HashMapImpl implements LruHashMap {
        Lru(MapDef def, CpuContext cpus) {
            super(def, cpus);
        }
    }

    /** {@code PERCPU_HASH}. */
    public static class PerCpu extends HashMapImpl implements PerCpuHashMap {
        PerCpu(MapDef def, CpuContext cpus) {
            super(def, cpus);
        }
    }

    /** {@code LRU_PERCPU_HASH}. */
    public static final class LruPerCpu extends PerCpu implements LruPerCpuHashMap {
        LruPerCpu(MapDef def, CpuContext cpus) {
            super(def, cpus);
        }
    }
}
