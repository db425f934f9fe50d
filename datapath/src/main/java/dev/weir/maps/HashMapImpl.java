package dev.weir.maps;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.LruHashMap;
import dev.weir.api.maps.LruPerCpuHashMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.PerCpuHashMap;

/**
 * The hash maps: {@code HASH} (this class), {@code LRU_HASH}, {@code PERCPU_HASH} and
 * {@code LRU_PERCPU_HASH} (the nested subclasses, which add only their interface). Keys live in
 * a {@link HashCore}; values in one {@code long[]} indexed by entry (and CPU), as
 * {@link Words}. Everything is allocated at creation; no operation allocates.
 *
 * <p>Update follows Linux's {@code htab_map_update_elem}: unknown flags are EINVAL before
 * anything else; then the flags are checked against the key's presence (EEXIST, ENOENT); then a
 * new key needs a free entry (E2BIG, or an eviction for LRU maps). A new entry's values start at
 * zero on every CPU, as Linux zeroes the other CPUs of a per-CPU value a program inserts.
 */
public class HashMapImpl extends KeyValueMapImpl implements HashMap {
    final HashCore core;
    final ValueStore values;
    private final boolean longKey;
    private final boolean longValue;
    private final int keyShift;

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
        this.core = new HashCore(def.keySize(), def.maxEntries(), def.type().isLru());
        this.values = new ValueStore(def, cpus);
        this.longKey = def.keySize() <= 8;
        this.longValue = values.longValue;
        this.keyShift = Words.shift(def.keySize());
    }

    /** The entry to write the value of one-word key {@code w} to under {@code flags}, or a negative MapError. */
    private int writableLong(long w, long flags) {
        int e = core.findLong(w);
        if (e >= 0) {
            return flags == MapFlags.NOEXIST ? MapError.EEXIST : used(e);
        }
        return flags == MapFlags.EXIST ? MapError.ENOENT : fresh(core.insertLong(w));
    }

    /** The entry to write the value of the key at {@code key[off..)} to under {@code flags}, or a negative MapError. */
    private int writable(byte[] key, int off, long flags) {
        int e = core.find(key, off);
        if (e >= 0) {
            return flags == MapFlags.NOEXIST ? MapError.EEXIST : used(e);
        }
        return flags == MapFlags.EXIST ? MapError.ENOENT : fresh(core.insert(key, off));
    }

    private int used(int e) {
        core.touch(e);
        return e;
    }

    /** {@code e}, marked used when it is an entry (-1: none). */
    private int usedIfFound(int e) {
        return e >= 0 ? used(e) : e;
    }

    /** A newly inserted entry, its values zeroed on every CPU; E2BIG when there was no room. */
    private int fresh(int e) {
        if (e < 0) {
            return MapError.E2BIG;
        }
        values.zero(e);
        return e;
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
        return values.getLong(e);
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
        int e = writableLong(key << keyShift, flags);
        if (e < 0) {
            return e;
        }
        values.setLong(e, value);
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
        int e = writableLong(key << keyShift, MapFlags.ANY);
        if (e < 0) {
            return e;
        }
        values.addLong(e, delta);
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
        return values.readTo(usedIfFound(core.findLong(key << keyShift)), value, valueOff);
    }

    @Override
    public int update(long key, byte[] value, int valueOff, long flags) {
        if (!longKey || badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        return values.writeFrom(writableLong(key << keyShift, flags), value, valueOff);
    }

    // ---- byte-level operations ----

    @Override
    public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        return values.readTo(usedIfFound(core.find(key, keyOff)), value, valueOff);
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        return values.writeFrom(writable(key, keyOff, flags), value, valueOff);
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
        return core.copyNextKey(key == null ? -1 : core.find(key, keyOff), nextKey, nextKeyOff);
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
        return values.nCpu;
    }

    public int lookupAllCpus(byte[] key, int keyOff, byte[] all, int allOff) {
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(all, allOff, values.nCpu * values.stride())) {
            return MapError.EFAULT;
        }
        int e = core.find(key, keyOff);
        if (e < 0) {
            return MapError.ENOENT;
        }
        values.readAll(e, all, allOff);
        return MapError.OK;
    }

    public int updateAllCpus(byte[] key, int keyOff, byte[] all, int allOff, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(all, allOff, values.nCpu * values.stride())) {
            return MapError.EFAULT;
        }
        int e = writable(key, keyOff, flags);
        if (e < 0) {
            return e;
        }
        values.writeAll(e, all, allOff);
        return MapError.OK;
    }

    public long lookupLongOnCpu(long key, int cpu, long absent) {
        if (!longKey || !longValue || cpu < 0 || cpu >= values.nCpu) {
            return absent;
        }
        int e = core.findLong(key << keyShift);
        return e < 0 ? absent : values.onCpu(e, cpu);
    }

    public long sumLong(long key) {
        int e = longKey && longValue ? core.findLong(key << keyShift) : -1;
        return e < 0 ? 0 : values.sum(e);
    }

    // ---- MapImpl ----

    @Override
    public int userValueSize() {
        return values.userSize();
    }

    @Override
    public long memoryBytes() {
        return core.memoryBytes() + values.memoryBytes();
    }

    @Override
    public int userCount() {
        return core.count();
    }

    /** bpf() lookups leave an LRU map's order alone (Linux's {@code htab_lru_map_lookup_elem_sys}). */
    @Override
    public int userLookup(byte[] key, byte[] value) {
        if (values.perCpu) {
            return lookupAllCpus(key, 0, value, 0);
        }
        if (!Words.fits(key, 0, keySize()) || !Words.fits(value, 0, valueSize())) {
            return MapError.EFAULT;
        }
        return values.readTo(core.find(key, 0), value, 0);
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        return values.perCpu ? updateAllCpus(key, 0, value, 0, flags) : update(key, 0, value, 0, flags);
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
