package dev.weir.maps;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.PerCpuArrayMap;
import dev.weir.api.wire.Bytes;

/**
 * {@code ARRAY} (this class) and {@code PERCPU_ARRAY} ({@link PerCpu}): a {@link ValueStore}
 * whose entries are the indexes, all present and zero from creation. The 4-byte key is the
 * index, big-endian. Linux's {@code array_map_update_elem} order of checks: unknown flags
 * EINVAL, index out of range E2BIG, NOEXIST EEXIST.
 */
public class ArrayMapImpl extends KeyValueMapImpl implements ArrayMap {
    final ValueStore values;

    /** The map for {@code def}'s array type. */
    public static ArrayMapImpl create(MapDef def, CpuContext cpus) {
        return switch (def.type()) {
            case ARRAY -> new ArrayMapImpl(def, cpus);
            case PERCPU_ARRAY -> new PerCpu(def, cpus);
            default -> throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.type().linuxName() + " is not an array type");
        };
    }

    ArrayMapImpl(MapDef def, CpuContext cpus) {
        super(def);
        this.values = new ValueStore(def, cpus);
    }

    private boolean inRange(int index) {
        return index >= 0 && index < maxEntries();
    }

    /** OK when a value may be written at {@code index} under {@code flags}, else the MapError. */
    private int writable(int index, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!inRange(index)) {
            return MapError.E2BIG;
        }
        return flags == MapFlags.NOEXIST ? MapError.EEXIST : MapError.OK;
    }

    @Override
    public long lookupLong(int index, long absent) {
        return values.longValue && inRange(index) ? values.getLong(index) : absent;
    }

    @Override
    public int updateLong(int index, long value, long flags) {
        int rc = values.longValue ? writable(index, flags) : MapError.EINVAL;
        if (rc == MapError.OK) {
            values.setLong(index, value);
        }
        return rc;
    }

    @Override
    public int addLong(int index, long delta) {
        int rc = !values.longValue ? MapError.EINVAL : inRange(index) ? MapError.OK : MapError.E2BIG;
        if (rc == MapError.OK) {
            values.addLong(index, delta);
        }
        return rc;
    }

    @Override
    public int lookup(int index, byte[] value, int valueOff) {
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        if (!inRange(index)) {
            return MapError.ENOENT;
        }
        values.read(index, value, valueOff);
        return MapError.OK;
    }

    @Override
    public int update(int index, byte[] value, int valueOff, long flags) {
        int rc = writable(index, flags);
        if (rc != MapError.OK) {
            return rc;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        values.write(index, value, valueOff);
        return MapError.OK;
    }

    @Override
    public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
        return Words.fits(key, keyOff, 4) ? lookup(Bytes.i32(key, keyOff), value, valueOff) : MapError.EFAULT;
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        return Words.fits(key, keyOff, 4) ? update(Bytes.i32(key, keyOff), value, valueOff, flags) : MapError.EFAULT;
    }

    /** Array elements cannot be deleted: EINVAL, as Linux's {@code array_map_delete_elem}. */
    @Override
    public int delete(byte[] key, int keyOff) {
        return Words.fits(key, keyOff, 4) ? MapError.EINVAL : MapError.EFAULT;
    }

    /** Linux's {@code array_map_get_next_key}: index + 1; the first index for null or an index out of range. */
    @Override
    public int getNextKey(byte[] key, int keyOff, byte[] nextKey, int nextKeyOff) {
        if (!Words.fits(nextKey, nextKeyOff, 4) || key != null && !Words.fits(key, keyOff, 4)) {
            return MapError.EFAULT;
        }
        int index = key == null ? -1 : Bytes.i32(key, keyOff);
        int next = inRange(index) ? index + 1 : 0;
        if (next >= maxEntries()) {
            return MapError.ENOENT;
        }
        Bytes.put32(nextKey, nextKeyOff, next);
        return MapError.OK;
    }

    @Override
    public int size() {
        return maxEntries();
    }

    // ---- per-CPU user space (declared by PerCpu's interface) ----

    public int numCpus() {
        return values.nCpu;
    }

    public int lookupAllCpus(int index, byte[] all, int allOff) {
        if (!Words.fits(all, allOff, values.nCpu * values.stride())) {
            return MapError.EFAULT;
        }
        if (!inRange(index)) {
            return MapError.ENOENT;
        }
        values.readAll(index, all, allOff);
        return MapError.OK;
    }

    public int updateAllCpus(int index, byte[] all, int allOff, long flags) {
        int rc = writable(index, flags);
        if (rc != MapError.OK) {
            return rc;
        }
        if (!Words.fits(all, allOff, values.nCpu * values.stride())) {
            return MapError.EFAULT;
        }
        values.writeAll(index, all, allOff);
        return MapError.OK;
    }

    public long lookupLongOnCpu(int index, int cpu, long absent) {
        return values.longValue && inRange(index) && cpu >= 0 && cpu < values.nCpu ? values.onCpu(index, cpu) : absent;
    }

    public long sumLong(int index) {
        return values.longValue && inRange(index) ? values.sum(index) : 0;
    }

    // ---- MapImpl ----

    @Override
    public int userValueSize() {
        return values.userSize();
    }

    @Override
    public long memoryBytes() {
        return values.memoryBytes();
    }

    @Override
    public int userCount() {
        return maxEntries();
    }

    @Override
    public int userLookup(byte[] key, byte[] value) {
        if (!values.perCpu) {
            return lookup(key, 0, value, 0);
        }
        return Words.fits(key, 0, 4) ? lookupAllCpus(Bytes.i32(key, 0), value, 0) : MapError.EFAULT;
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        if (!values.perCpu) {
            return update(key, 0, value, 0, flags);
        }
        return Words.fits(key, 0, 4) ? updateAllCpus(Bytes.i32(key, 0), value, 0, flags) : MapError.EFAULT;
    }

    /** {@code PERCPU_ARRAY}. */
    public static final class PerCpu extends ArrayMapImpl implements PerCpuArrayMap {
        PerCpu(MapDef def, CpuContext cpus) {
            super(def, cpus);
        }
    }
}
