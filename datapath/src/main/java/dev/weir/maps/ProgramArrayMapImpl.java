package dev.weir.maps;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.prog.ProgramType;
import dev.weir.api.wire.Bytes;

/**
 * {@code PROG_ARRAY}: slots of program instances for tail calls. The first program put in the
 * array fixes its program type (Linux's prog-array owner); others must match. In user-space
 * byte operations a value is a 4-byte program id, translated by the host's
 * {@link ProgramResolver}.
 */
public final class ProgramArrayMapImpl extends MapImpl implements ProgramArrayMap {
    private final Object[] slots;
    private ProgramType owner;
    private int count;
    private ProgramResolver resolver;

    public ProgramArrayMapImpl(MapDef def) {
        super(def);
        if (def.type() != dev.weir.api.maps.MapType.PROG_ARRAY) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.type().linuxName() + " is not prog_array");
        }
        this.slots = new Object[def.maxEntries()];
    }

    void setResolver(ProgramResolver resolver) {
        this.resolver = resolver;
    }

    /** The program type the array holds, or null until a program was put in it. */
    public ProgramType owner() {
        return owner;
    }

    @Override
    public int set(int index, Object program) {
        if (index < 0 || index >= slots.length) {
            return MapError.E2BIG;
        }
        ProgramType t = ProgramType.of(program);
        if (t == null || !t.tailCalls()) {
            return MapError.EINVAL;
        }
        if (owner != null && owner != t) {
            return MapError.EPERM;
        }
        owner = t;
        if (slots[index] == null) {
            count++;
        }
        slots[index] = program;
        return MapError.OK;
    }

    @Override
    public int clear(int index) {
        if (index < 0 || index >= slots.length) {
            return MapError.E2BIG;
        }
        if (slots[index] == null) {
            return MapError.ENOENT;
        }
        slots[index] = null;
        count--;
        return MapError.OK;
    }

    @Override
    public Object get(int index) {
        return index >= 0 && index < slots.length ? slots[index] : null;
    }

    // ---- MapImpl ----

    @Override
    public long memoryBytes() {
        return 8L * slots.length;
    }

    @Override
    public int userCount() {
        return count;
    }

    @Override
    public int userLookup(byte[] key, byte[] value) {
        if (!Words.fits(key, 0, 4) || !Words.fits(value, 0, 4)) {
            return MapError.EFAULT;
        }
        Object p = get(Bytes.i32(key, 0));
        if (p == null) {
            return MapError.ENOENT;
        }
        Bytes.put32(value, 0, resolver == null ? 0 : resolver.idOf(p));
        return MapError.OK;
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        if (!Words.fits(key, 0, 4) || !Words.fits(value, 0, 4)) {
            return MapError.EFAULT;
        }
        if (badFlags(flags) || flags == dev.weir.api.maps.MapFlags.NOEXIST) {
            // A program array is array-like: every slot exists, so NOEXIST cannot succeed.
            return badFlags(flags) ? MapError.EINVAL : MapError.EEXIST;
        }
        Object p = resolver == null ? null : resolver.byId(Bytes.i32(value, 0));
        if (p == null) {
            return MapError.EINVAL;
        }
        return set(Bytes.i32(key, 0), p);
    }

    @Override
    public int userDelete(byte[] key) {
        return Words.fits(key, 0, 4) ? clear(Bytes.i32(key, 0)) : MapError.EFAULT;
    }

    /** Iterates the filled slots in index order (bpftool shows only those). */
    @Override
    public int userGetNextKey(byte[] key, byte[] nextKey) {
        if (!Words.fits(nextKey, 0, 4) || key != null && !Words.fits(key, 0, 4)) {
            return MapError.EFAULT;
        }
        int from = key == null ? 0 : Bytes.i32(key, 0) + 1;
        if (key != null && (Bytes.i32(key, 0) < 0 || Bytes.i32(key, 0) >= slots.length)) {
            from = 0;
        }
        for (int i = Math.max(from, 0); i < slots.length; i++) {
            if (slots[i] != null) {
                Bytes.put32(nextKey, 0, i);
                return MapError.OK;
            }
        }
        return MapError.ENOENT;
    }
}
