package dev.weir.hooks.testing;

import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.wire.Bytes;
import dev.weir.maps.MapImpl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * User-space access to one map of a program under test, as a test sets it up and checks it:
 * keys and values as big-endian numbers of the map's sizes (the program's {@code lookupLong}
 * view) or as bytes. Failures throw with the map's name and the error.
 */
public final class MapHandle {
    private final MapImpl map;

    MapHandle(MapImpl map) {
        this.map = map;
    }

    public MapImpl map() {
        return map;
    }

    /** {@code n} as {@code size} big-endian bytes. */
    public static byte[] number(long n, int size) {
        byte[] b = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            b[i] = (byte) n;
            n >>>= 8;
        }
        return b;
    }

    /** Sets {@code key} to {@code value}, both as numbers of the map's key and value sizes (per-CPU: every CPU). */
    public MapHandle updateLong(long key, long value) {
        byte[] v = new byte[map.userValueSize()];
        int stride = map.type().perCpu() ? (map.valueSize() + 7) & ~7 : map.valueSize();
        for (int at = 0; at + map.valueSize() <= v.length; at += stride) {
            System.arraycopy(number(value, map.valueSize()), 0, v, at, map.valueSize());
        }
        return update(number(key, map.keySize()), v);
    }

    /** Sets {@code key} to {@code value} (bytes). */
    public MapHandle update(byte[] key, byte[] value) {
        int rc = map.userUpdate(key, value, MapFlags.ANY);
        if (rc != MapError.OK) {
            throw new IllegalStateException("map " + map.name() + ": update failed: " + MapError.name(rc));
        }
        return this;
    }

    /** The value of {@code key} as a number (the first CPU's for a per-CPU map), or {@code absent}. */
    public long lookupLong(long key, long absent) {
        byte[] v = lookup(number(key, map.keySize()));
        if (v == null) {
            return absent;
        }
        long n = 0;
        for (int i = 0; i < Math.min(8, map.valueSize()); i++) {
            n = n << 8 | (v[i] & 0xff);
        }
        return n;
    }

    /** The value of {@code key} as bytes, or null. */
    public byte[] lookup(byte[] key) {
        byte[] v = new byte[map.userValueSize()];
        return map.userLookup(key, v) == MapError.OK ? v : null;
    }

    public MapHandle delete(long key) {
        map.userDelete(number(key, map.keySize()));
        return this;
    }

    /** Every entry, keys and values as hex strings. */
    public Map<String, String> entries() {
        Map<String, String> out = new LinkedHashMap<>();
        byte[] key = null;
        byte[] next = new byte[map.keySize()];
        byte[] v = new byte[map.userValueSize()];
        while (map.userGetNextKey(key, next) == MapError.OK) {
            key = next.clone();
            if (map.userLookup(key, v) == MapError.OK) {
                out.put(Bytes.hex(key, 0, key.length), Bytes.hex(v, 0, v.length));
            }
        }
        return out;
    }

    public int size() {
        return map.userCount();
    }
}
