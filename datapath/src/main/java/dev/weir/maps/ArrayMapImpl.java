package dev.weir.maps;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.PerCpuArrayMap;
import dev.weir.api.wire.Bytes;
import java.util.Arrays;

/**
 * {@code ARRAY} (this class) and {@code PERCPU_ARRAY} ({@link PerCpu}): values in one
 * {@code long[]} as {@link Words}, all present and zero from creation. The 4-byte key is the
 * index, big-endian. Linux's {@code array_map_update_elem} order of checks: unknown flags
 * EINVAL, index out of range E2BIG, NOEXIST EEXIST.
 */
public class ArrayMapImpl extends MapImpl implements ArrayMap {
    final long[] vals;
    final int vw;
    final int nCpu;
    final boolean perCpu;
    private final CpuContext cpus;
    private final boolean longValue;
    private final int valShift;

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
        this.perCpu = def.type().perCpu();
        this.cpus = cpus;
        this.nCpu = perCpu ? cpus.numCpus() : 1;
        this.vw = Words.count(def.valueSize());
        long words = (long) def.maxEntries() * nCpu * vw;
        if (words > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.maxEntries() + " values of " + def.valueSize()
                    + " bytes" + (perCpu ? " on " + nCpu + " CPUs" : "") + " is larger than Weir supports (16 GiB)");
        }
        this.vals = new long[(int) words];
        this.longValue = def.valueSize() <= 8;
        this.valShift = Words.shift(def.valueSize());
    }

    private int slot(int index) {
        return perCpu ? (index * nCpu + cpus.currentCpu()) * vw : index * vw;
    }

    private boolean inRange(int index) {
        return index >= 0 && index < maxEntries();
    }

    @Override
    public long lookupLong(int index, long absent) {
        if (!longValue || !inRange(index)) {
            return absent;
        }
        return vals[slot(index)] >>> valShift;
    }

    private int check(int index, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!inRange(index)) {
            return MapError.E2BIG;
        }
        if (flags == MapFlags.NOEXIST) {
            return MapError.EEXIST;
        }
        return MapError.OK;
    }

    @Override
    public int updateLong(int index, long value, long flags) {
        if (!longValue) {
            return MapError.EINVAL;
        }
        int rc = check(index, flags);
        if (rc != MapError.OK) {
            return rc;
        }
        vals[slot(index)] = value << valShift;
        return MapError.OK;
    }

    @Override
    public int addLong(int index, long delta) {
        if (!longValue) {
            return MapError.EINVAL;
        }
        if (!inRange(index)) {
            return MapError.E2BIG;
        }
        vals[slot(index)] += delta << valShift;
        return MapError.OK;
    }

    @Override
    public int lookup(int index, byte[] value, int valueOff) {
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        if (!inRange(index)) {
            return MapError.ENOENT;
        }
        Words.unpack(vals, slot(index), value, valueOff, valueSize());
        return MapError.OK;
    }

    @Override
    public int update(int index, byte[] value, int valueOff, long flags) {
        int rc = check(index, flags);
        if (rc != MapError.OK) {
            return rc;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        Words.pack(value, valueOff, valueSize(), vals, slot(index));
        return MapError.OK;
    }

    @Override
    public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
        if (!Words.fits(key, keyOff, 4)) {
            return MapError.EFAULT;
        }
        return lookup(Bytes.i32(key, keyOff), value, valueOff);
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (!Words.fits(key, keyOff, 4)) {
            return MapError.EFAULT;
        }
        return update(Bytes.i32(key, keyOff), value, valueOff, flags);
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

    // ---- per-CPU user space ----

    public int numCpus() {
        return nCpu;
    }

    private int stride() {
        return (valueSize() + 7) & ~7;
    }

    public int lookupAllCpus(int index, byte[] values, int valuesOff) {
        if (!Words.fits(values, valuesOff, nCpu * stride())) {
            return MapError.EFAULT;
        }
        if (!inRange(index)) {
            return MapError.ENOENT;
        }
        int stride = stride();
        Arrays.fill(values, valuesOff, valuesOff + nCpu * stride, (byte) 0);
        for (int c = 0; c < nCpu; c++) {
            Words.unpack(vals, (index * nCpu + c) * vw, values, valuesOff + c * stride, valueSize());
        }
        return MapError.OK;
    }

    public int updateAllCpus(int index, byte[] values, int valuesOff, long flags) {
        int rc = check(index, flags);
        if (rc != MapError.OK) {
            return rc;
        }
        if (!Words.fits(values, valuesOff, nCpu * stride())) {
            return MapError.EFAULT;
        }
        int stride = stride();
        for (int c = 0; c < nCpu; c++) {
            Words.pack(values, valuesOff + c * stride, valueSize(), vals, (index * nCpu + c) * vw);
        }
        return MapError.OK;
    }

    public long lookupLongOnCpu(int index, int cpu, long absent) {
        if (!longValue || !inRange(index) || cpu < 0 || cpu >= nCpu) {
            return absent;
        }
        return vals[index * nCpu + cpu] >>> valShift;
    }

    public long sumLong(int index) {
        if (!longValue || !inRange(index)) {
            return 0;
        }
        long sum = 0;
        for (int c = 0; c < nCpu; c++) {
            sum += vals[index * nCpu + c] >>> valShift;
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
        return 8L * vals.length;
    }

    @Override
    public int userCount() {
        return maxEntries();
    }

    @Override
    public int userLookup(byte[] key, byte[] value) {
        if (!Words.fits(key, 0, 4)) {
            return MapError.EFAULT;
        }
        int index = Bytes.i32(key, 0);
        if (perCpu) {
            return lookupAllCpus(index, value, 0);
        }
        if (!Words.fits(value, 0, valueSize())) {
            return MapError.EFAULT;
        }
        if (!inRange(index)) {
            return MapError.ENOENT;
        }
        Words.unpack(vals, index * vw, value, 0, valueSize());
        return MapError.OK;
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        if (!Words.fits(key, 0, 4)) {
            return MapError.EFAULT;
        }
        int index = Bytes.i32(key, 0);
        return perCpu ? updateAllCpus(index, value, 0, flags) : update(index, value, 0, flags);
    }

    @Override
    public int userDelete(byte[] key) {
        return delete(key, 0);
    }

    @Override
    public int userGetNextKey(byte[] key, byte[] nextKey) {
        return getNextKey(key, 0, nextKey, 0);
    }

    /** {@code PERCPU_ARRAY}. */
    public static final class PerCpu extends ArrayMapImpl implements PerCpuArrayMap {
        PerCpu(MapDef def, CpuContext cpus) {
            super(def, cpus);
        }
    }
}
