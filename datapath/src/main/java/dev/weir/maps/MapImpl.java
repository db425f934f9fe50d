package dev.weir.maps;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.WeirMap;

/**
 * The datapath side of every map: its definition, its id on the host, and the user-space
 * operations of Linux's {@code bpf()} system call on raw key and value bytes, which the
 * registry, the command line and batch operations use whatever the type.
 *
 * <p>User-space values of per-CPU maps hold every CPU's value, each at a stride of the value
 * size rounded up to 8 ({@link #userValueSize()}); for a program array the value is the 4-byte
 * program id; for a device map the 4-byte ifindex. Keys and numbers are big-endian, as in
 * every Weir map. A ring buffer has no elements: its element operations return EOPNOTSUPP.
 */
public abstract class MapImpl implements WeirMap {
    private final MapDef def;
    private int id;
    private boolean pinned;

    protected MapImpl(MapDef def) {
        this.def = def.validated();
    }

    public final MapDef def() {
        return def;
    }

    @Override
    public final String name() {
        return def.name();
    }

    @Override
    public final MapType type() {
        return def.type();
    }

    @Override
    public final int keySize() {
        return def.keySize();
    }

    @Override
    public final int valueSize() {
        return def.valueSize();
    }

    @Override
    public final int maxEntries() {
        return def.maxEntries();
    }

    /** The map's id on its host (1, 2, ... in creation order), 0 before it is registered. */
    public final int id() {
        return id;
    }

    /** True when the map is pinned by name on its host. */
    public final boolean isPinned() {
        return pinned;
    }

    final void register(int id, boolean pinned) {
        this.id = id;
        this.pinned = pinned;
    }

    final void setPinned(boolean pinned) {
        this.pinned = pinned;
    }

    /** Size of a value in user-space buffers: valueSize, or numCpus x round_up(valueSize, 8) for per-CPU maps. */
    public int userValueSize() {
        return def.valueSize();
    }

    /** Bytes of memory the map holds (bpftool's {@code memlock}). */
    public abstract long memoryBytes();

    /** Entries present (arrays: all of them; ring buffer: 0). */
    public abstract int userCount();

    /** {@code BPF_MAP_LOOKUP_ELEM}: the value of {@code key} into {@code value} (userValueSize bytes). */
    public abstract int userLookup(byte[] key, byte[] value);

    /** {@code BPF_MAP_UPDATE_ELEM}. */
    public abstract int userUpdate(byte[] key, byte[] value, long flags);

    /** {@code BPF_MAP_DELETE_ELEM}. */
    public abstract int userDelete(byte[] key);

    /** {@code BPF_MAP_GET_NEXT_KEY}: {@code key} null (or absent) for the first key. */
    public abstract int userGetNextKey(byte[] key, byte[] nextKey);

    /** True for maps with keys and values (all but the ring buffer). */
    public boolean hasElements() {
        return true;
    }

    /** Checks a user-space key and value length: EINVAL-style message, or null. */
    final String sizeProblem(byte[] key, byte[] value) {
        if (key != null && key.length != keySize()) {
            return "key expected " + keySize() + " bytes got " + key.length;
        }
        if (value != null && value.length != userValueSize()) {
            return "value expected " + userValueSize() + " bytes got " + value.length;
        }
        return null;
    }

    /** Flags above EXIST are EINVAL for every element update. */
    static boolean badFlags(long flags) {
        return flags < 0 || flags > 2;
    }

    @Override
    public String toString() {
        return id + ": " + def.type().linuxName() + " name " + def.name();
    }
}
