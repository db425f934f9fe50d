package dev.weir.maps;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.wire.Bytes;
import java.util.function.IntPredicate;

/**
 * {@code DEVMAP}: slots of ifindexes for XDP redirect, array-like as Linux's devmap: keys are
 * 0..maxEntries-1, an update with NOEXIST is EEXIST, a slot set to 0 or deleted is empty, and a
 * device the host does not have is ENODEV.
 */
public final class DevMapImpl extends KeyValueMapImpl implements DevMap {
    private final int[] ifindex;
    private IntPredicate deviceExists = i -> true;
    private int count;

    public DevMapImpl(MapDef def) {
        super(def);
        if (def.type() != dev.weir.api.maps.MapType.DEVMAP) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.type().linuxName() + " is not devmap");
        }
        this.ifindex = new int[def.maxEntries()];
    }

    /** How the map checks an ifindex exists on the host (every positive one, by default). */
    void setDeviceCheck(IntPredicate deviceExists) {
        this.deviceExists = deviceExists;
    }

    private boolean inRange(int key) {
        return key >= 0 && key < ifindex.length;
    }

    @Override
    public int lookupIfindex(int key) {
        return inRange(key) ? ifindex[key] : 0;
    }

    @Override
    public int set(int key, int dev) {
        if (!inRange(key)) {
            return MapError.E2BIG;
        }
        if (dev < 0 || dev > 0 && !deviceExists.test(dev)) {
            return MapError.ENODEV;
        }
        count += (ifindex[key] == 0 ? 0 : -1) + (dev == 0 ? 0 : 1);
        ifindex[key] = dev;
        return MapError.OK;
    }

    /** Empties a slot: OK even when it was empty, as Linux's {@code dev_map_delete_elem}; EINVAL out of range. */
    @Override
    public int clear(int key) {
        if (!inRange(key)) {
            return MapError.EINVAL;
        }
        return set(key, 0);
    }

    @Override
    public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
        if (!Words.fits(key, keyOff, 4) || !Words.fits(value, valueOff, 4)) {
            return MapError.EFAULT;
        }
        int dev = lookupIfindex(Bytes.i32(key, keyOff));
        if (dev == 0) {
            return MapError.ENOENT;
        }
        Bytes.put32(value, valueOff, dev);
        return MapError.OK;
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(key, keyOff, 4) || !Words.fits(value, valueOff, 4)) {
            return MapError.EFAULT;
        }
        int k = Bytes.i32(key, keyOff);
        if (!inRange(k)) {
            return MapError.E2BIG;
        }
        if (flags == MapFlags.NOEXIST) {
            return MapError.EEXIST;
        }
        return set(k, Bytes.i32(value, valueOff));
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        return Words.fits(key, keyOff, 4) ? clear(Bytes.i32(key, keyOff)) : MapError.EFAULT;
    }

    @Override
    public int getNextKey(byte[] key, int keyOff, byte[] nextKey, int nextKeyOff) {
        if (!Words.fits(nextKey, nextKeyOff, 4) || key != null && !Words.fits(key, keyOff, 4)) {
            return MapError.EFAULT;
        }
        int k = key == null ? -1 : Bytes.i32(key, keyOff);
        int next = inRange(k) ? k + 1 : 0;
        if (next >= ifindex.length) {
            return MapError.ENOENT;
        }
        Bytes.put32(nextKey, nextKeyOff, next);
        return MapError.OK;
    }

    @Override
    public int size() {
        return count;
    }

    // ---- MapImpl ----

    @Override
    public long memoryBytes() {
        return 4L * ifindex.length;
    }

    @Override
    public int userCount() {
        return count;
    }
}
