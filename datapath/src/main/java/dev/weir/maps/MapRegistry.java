package dev.weir.maps;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.RecordConsumer;
import dev.weir.core.CommandException;
import dev.weir.core.NetNs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A host's maps: every map created on it, numbered by id in creation order, and the ones pinned
 * by name so that programs, user space and the command line share them (Linux's bpffs pins).
 * Also the user-space side of Linux's {@code bpf()} system call on maps: element lookup,
 * update, delete, iteration, batches and the ring-buffer consumer, on raw bytes.
 *
 * <p><b>Pinning.</b> {@link #createOrGet} returns the map pinned under the definition's name,
 * creating and pinning it if there is none; a pinned map of another shape (type, key or value
 * size, capacity) is an error naming both shapes, never a silent reuse. {@link #create} makes a
 * private map (a program's unpinned map): listed with its id, not found by name for sharing.
 *
 * <p>Runs on the host's simulation thread, like the maps themselves.
 */
public final class MapRegistry {
    private final String host;
    private final CpuContext cpus;
    private final List<MapImpl> maps = new ArrayList<>();
    private final Map<String, MapImpl> pins = new LinkedHashMap<>();
    private int nextId = 1;
    private IntPredicate deviceExists = i -> true;
    private ProgramResolver programs;

    /** A registry for host {@code host} (for messages) whose per-CPU maps follow {@code cpus}. */
    public MapRegistry(String host, CpuContext cpus) {
        this.host = host;
        this.cpus = cpus;
    }

    /** The registry of a host: its CPUs, and its devices for device-map checks. */
    public static MapRegistry of(NetNs ns) {
        MapRegistry r = new MapRegistry(ns.name(), CpuContext.of(ns));
        r.deviceExists = i -> ns.device(i) != null;
        return r;
    }

    public String host() {
        return host;
    }

    public CpuContext cpus() {
        return cpus;
    }

    /** How device maps check an ifindex (the host's devices when built with {@link #of(NetNs)}). */
    public void setDeviceCheck(IntPredicate deviceExists) {
        this.deviceExists = deviceExists;
        for (MapImpl m : maps) {
            if (m instanceof DevMapImpl d) {
                d.setDeviceCheck(deviceExists);
            }
        }
    }

    /** How program arrays translate program ids in user-space operations (the loader's numbering). */
    public void setProgramResolver(ProgramResolver programs) {
        this.programs = programs;
        for (MapImpl m : maps) {
            if (m instanceof ProgramArrayMapImpl p) {
                p.setResolver(programs);
            }
        }
    }

    // ---- creation and pinning ----

    /** A new map of {@code def}, not pinned. Throws IllegalArgumentException naming the bad field of an invalid definition. */
    public MapImpl create(MapDef def) {
        MapImpl m = instantiate(def.validated());
        m.register(nextId++, false);
        maps.add(m);
        return m;
    }

    /**
     * The map pinned under {@code def.name()}, or a new one created and pinned there.
     *
     * @throws IllegalArgumentException when a map of another shape is pinned under that name, or
     *         the definition is invalid
     */
    public MapImpl createOrGet(MapDef def) {
        def.validated();
        MapImpl m = pins.get(def.name());
        if (m != null) {
            if (!m.def().sameShape(def)) {
                throw new IllegalArgumentException("map \"" + def.name() + "\" is pinned on " + host + " as "
                        + m.def().describe() + ", but " + def.describe() + " was asked for;"
                        + " use the pinned map's shape, another name, or unpin it first (weir map unpin " + def.name() + ")");
            }
            return m;
        }
        m = create(def);
        m.setPinned(true);
        pins.put(def.name(), m);
        return m;
    }

    /** Pins an unpinned map under its name; IllegalArgumentException if the name is taken. */
    public void pin(MapImpl m) {
        MapImpl other = pins.get(m.name());
        if (other != null && other != m) {
            throw new IllegalArgumentException("cannot pin map " + m.id() + " as \"" + m.name() + "\" on " + host
                    + ": map " + other.id() + " is pinned under that name");
        }
        pins.put(m.name(), m);
        m.setPinned(true);
    }

    /** Removes the pin {@code name}; the map stays until {@link #remove}d. False if nothing was pinned there. */
    public boolean unpin(String name) {
        MapImpl m = pins.remove(name);
        if (m == null) {
            return false;
        }
        m.setPinned(false);
        return true;
    }

    /** Forgets a map entirely (the last program using an unpinned map was unloaded). */
    public void remove(MapImpl m) {
        if (m.isPinned()) {
            unpin(m.name());
        }
        maps.remove(m);
    }

    private MapImpl instantiate(MapDef def) {
        return switch (def.type()) {
            case HASH, LRU_HASH, PERCPU_HASH, LRU_PERCPU_HASH -> HashMapImpl.create(def, cpus);
            case ARRAY, PERCPU_ARRAY -> ArrayMapImpl.create(def, cpus);
            case LPM_TRIE -> new LpmTrieMapImpl(def);
            case RINGBUF -> new RingBufMapImpl(def);
            case PROG_ARRAY -> {
                ProgramArrayMapImpl p = new ProgramArrayMapImpl(def);
                p.setResolver(programs);
                yield p;
            }
            case DEVMAP -> {
                DevMapImpl d = new DevMapImpl(def);
                d.setDeviceCheck(deviceExists);
                yield d;
            }
        };
    }

    // ---- finding ----

    /** The map pinned as {@code name}, or null. */
    public MapImpl pinned(String name) {
        return pins.get(name);
    }

    /** The map with id {@code id}, or null. */
    public MapImpl byId(int id) {
        for (MapImpl m : maps) {
            if (m.id() == id) {
                return m;
            }
        }
        return null;
    }

    /** Every map named {@code name}, pinned or not, by id. */
    public List<MapImpl> byName(String name) {
        List<MapImpl> out = new ArrayList<>();
        for (MapImpl m : maps) {
            if (m.name().equals(name)) {
                out.add(m);
            }
        }
        return out;
    }

    /** All maps, by id. */
    public List<MapImpl> list() {
        return Collections.unmodifiableList(new ArrayList<>(maps));
    }

    /** Pinned names, in pinning order. */
    public List<String> pinnedNames() {
        return List.copyOf(pins.keySet());
    }

    /**
     * The map a command names, bpftool's {@code MAP := id ID | name NAME | pinned NAME}: exactly
     * one map, or a CommandException with bpftool's message.
     */
    public MapImpl resolve(String kind, String value) {
        switch (kind) {
            case "id" -> {
                int id;
                try {
                    id = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new CommandException(255, "Error: can't parse \"" + value + "\" as ID");
                }
                MapImpl m = byId(id);
                if (m == null) {
                    throw new CommandException(255, "Error: get map by id (" + id + "): No such file or directory");
                }
                return m;
            }
            case "name" -> {
                List<MapImpl> ms = byName(value);
                if (ms.isEmpty()) {
                    throw new CommandException(255, "Error: no map with name \"" + value + "\" found on " + host);
                }
                if (ms.size() > 1) {
                    throw new CommandException(255, "Error: several maps match name \"" + value + "\" (ids "
                            + ms.stream().map(x -> String.valueOf(x.id())).reduce((a, b) -> a + ", " + b).orElse("")
                            + "); use \"id ID\"");
                }
                return ms.get(0);
            }
            case "pinned" -> {
                MapImpl m = pinned(value);
                if (m == null) {
                    throw new CommandException(255, "Error: bpf obj get (" + value + "): No such file or directory (pinned on "
                            + host + ": " + String.join(", ", pins.keySet()) + ")");
                }
                return m;
            }
            default -> throw new CommandException(255, "Error: expected 'id', 'name' or 'pinned', got: '" + kind + "'?");
        }
    }

    // ---- user space: bpf() map commands ----

    private static void checkSizes(MapImpl m, byte[] key, byte[] value) {
        String p = m.sizeProblem(key, value);
        if (p != null) {
            throw new IllegalArgumentException("map " + m.id() + " \"" + m.name() + "\": " + p);
        }
    }

    /** The value of {@code key} ({@link MapImpl#userValueSize()} bytes: all CPUs of a per-CPU map), or null when absent. */
    public byte[] lookup(MapImpl m, byte[] key) {
        checkSizes(m, key, null);
        byte[] value = new byte[m.userValueSize()];
        return m.userLookup(key, value) == MapError.OK ? value : null;
    }

    /** Sets {@code key} to {@code value} (all CPUs' values for a per-CPU map): OK or a MapError code. */
    public int update(MapImpl m, byte[] key, byte[] value, long flags) {
        checkSizes(m, key, value);
        return m.userUpdate(key, value, flags);
    }

    /** Removes {@code key}: OK or a MapError code. */
    public int delete(MapImpl m, byte[] key) {
        checkSizes(m, key, null);
        return m.userDelete(key);
    }

    /** The key after {@code key} ({@code null}: the first), or null at the end. */
    public byte[] nextKey(MapImpl m, byte[] key) {
        if (key != null) {
            checkSizes(m, key, null);
        }
        byte[] next = new byte[m.keySize()];
        return m.userGetNextKey(key, next) == MapError.OK ? next : null;
    }

    /** Every key, in iteration order. */
    public List<byte[]> keys(MapImpl m) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] k = nextKey(m, null); k != null; k = nextKey(m, k)) {
            out.add(k);
        }
        return out;
    }

    /**
     * One batch of a {@code BPF_MAP_LOOKUP_BATCH} iteration: {@code count} keys and values packed
     * back to back ({@code keySize} and {@link MapImpl#userValueSize()} bytes each) and the
     * cursor to pass for the next batch, null when the map has no more.
     */
    public record Batch(int count, byte[] keys, byte[] values, byte[] next) {}

    /**
     * Up to {@code max} entries after {@code cursor} (null: from the start). Keys whose lookup
     * fails (an empty device-map slot) are skipped. The cursor is the last key returned: if
     * that key is deleted before the next call, the iteration starts over, as get_next_key
     * does.
     */
    public Batch lookupBatch(MapImpl m, byte[] cursor, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + max);
        }
        int ks = m.keySize();
        int vs = m.userValueSize();
        byte[] keys = new byte[max * ks];
        byte[] values = new byte[max * vs];
        byte[] value = new byte[vs];
        int n = 0;
        byte[] k = cursor;
        while (n < max) {
            k = nextKey(m, k);
            if (k == null) {
                break;
            }
            if (m.userLookup(k, value) == MapError.OK) {
                System.arraycopy(k, 0, keys, n * ks, ks);
                System.arraycopy(value, 0, values, n * vs, vs);
                n++;
            }
        }
        byte[] next = k == null || nextKey(m, k) == null ? null : k;
        return new Batch(n, keys, values, next);
    }

    /** How far a batch update or delete got: entries done before {@code error} (OK when all were). */
    public record BatchResult(int done, int error) {}

    /** {@code BPF_MAP_UPDATE_BATCH}: {@code count} packed keys and values, stopping at the first failure. */
    public BatchResult updateBatch(MapImpl m, byte[] keys, byte[] values, int count, long flags) {
        int ks = m.keySize();
        int vs = m.userValueSize();
        if (keys.length < count * ks || values.length < count * vs) {
            throw new IllegalArgumentException("map " + m.id() + " \"" + m.name() + "\": batch of " + count + " needs "
                    + count * ks + " key bytes and " + count * vs + " value bytes, got " + keys.length + " and " + values.length);
        }
        byte[] k = new byte[ks];
        byte[] v = new byte[vs];
        for (int i = 0; i < count; i++) {
            System.arraycopy(keys, i * ks, k, 0, ks);
            System.arraycopy(values, i * vs, v, 0, vs);
            int rc = m.userUpdate(k, v, flags);
            if (rc != MapError.OK) {
                return new BatchResult(i, rc);
            }
        }
        return new BatchResult(count, MapError.OK);
    }

    /** {@code BPF_MAP_DELETE_BATCH}: {@code count} packed keys, stopping at the first failure. */
    public BatchResult deleteBatch(MapImpl m, byte[] keys, int count) {
        int ks = m.keySize();
        if (keys.length < count * ks) {
            throw new IllegalArgumentException("map " + m.id() + " \"" + m.name() + "\": batch of " + count + " needs "
                    + count * ks + " key bytes, got " + keys.length);
        }
        byte[] k = new byte[ks];
        for (int i = 0; i < count; i++) {
            System.arraycopy(keys, i * ks, k, 0, ks);
            int rc = m.userDelete(k);
            if (rc != MapError.OK) {
                return new BatchResult(i, rc);
            }
        }
        return new BatchResult(count, MapError.OK);
    }

    /** The ring-buffer consumer: hands the records available in {@code ring} to {@code consumer}; returns how many. */
    public int consume(MapImpl ring, RecordConsumer consumer) {
        if (!(ring instanceof RingBufMapImpl r)) {
            throw new IllegalArgumentException("map " + ring.id() + " \"" + ring.name() + "\" is " + ring.type().linuxName()
                    + ", not a ring buffer");
        }
        return r.consume(consumer);
    }
}
