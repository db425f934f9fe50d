package dev.weir.api.maps;

/**
 * The shape of a map: name, type, key and value sizes in bytes, and capacity. Built by the
 * loader from a program's {@link dev.weir.api.prog.MapSpec}, by the command line, or by user
 * code; the map registry creates maps from it and compares it with a pinned map of the same
 * name.
 *
 * <p>{@link #problem()} checks the shape against the rules Linux applies when a map is created
 * (array keys are 4 bytes, a ring buffer's size is a power of two and a multiple of the page,
 * ...) and names the field that breaks one.
 *
 * @param name        1 to 63 characters from {@code [A-Za-z0-9_.-]}
 * @param type        the map type
 * @param keySize     key size in bytes (0 for a ring buffer)
 * @param valueSize   value size in bytes (0 for a ring buffer)
 * @param maxEntries  capacity in entries; a ring buffer's size in bytes
 */
public record MapDef(String name, MapType type, int keySize, int valueSize, int maxEntries) {
    /** Largest key of a hash map, in bytes (the BPF stack size, as Linux limits it). */
    public static final int MAX_KEY_SIZE = 512;
    /** Largest value, in bytes. */
    public static final int MAX_VALUE_SIZE = 1 << 20;
    /** Largest value of a per-CPU map, in bytes (Linux's PCPU_MIN_UNIT_SIZE). */
    public static final int MAX_PERCPU_VALUE_SIZE = 32 * 1024;
    /** Most address bytes an LPM trie key may carry here (an IPv6 address). */
    public static final int MAX_LPM_DATA = 16;
    /** The page size a ring buffer's size must be a multiple of. */
    public static final int PAGE_SIZE = 4096;
    /** Largest ring buffer, in bytes. */
    public static final int MAX_RINGBUF_SIZE = 1 << 30;

    /** What is wrong with this shape, naming the map and the field, or null when it is valid. */
    public String problem() {
        String where = "map \"" + name + "\" (" + (type == null ? "?" : type.linuxName()) + "): ";
        if (name == null || name.isEmpty() || name.length() > 63) {
            return where + "name must be 1..63 characters, got " + (name == null ? "none" : name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return where + "name may hold only letters, digits, '_', '.' and '-'; '" + c + "' at index " + i;
            }
        }
        if (type == null) {
            return where + "type is missing";
        }
        if (maxEntries <= 0) {
            return where + "maxEntries must be positive, got " + maxEntries;
        }
        switch (type) {
            case HASH, LRU_HASH, PERCPU_HASH, LRU_PERCPU_HASH -> {
                if (keySize < 1 || keySize > MAX_KEY_SIZE) {
                    return where + "keySize must be 1.." + MAX_KEY_SIZE + ", got " + keySize;
                }
                return valueProblem(where);
            }
            case ARRAY, PERCPU_ARRAY -> {
                if (keySize != 4) {
                    return where + "keySize must be 4 (a u32 index), got " + keySize;
                }
                return valueProblem(where);
            }
            case LPM_TRIE -> {
                if (keySize < 5 || keySize > 4 + MAX_LPM_DATA) {
                    return where + "keySize must be 4 (prefix length) + 1.." + MAX_LPM_DATA
                            + " address bytes (8 for IPv4, 20 for IPv6), got " + keySize;
                }
                return valueProblem(where);
            }
            case PROG_ARRAY, DEVMAP -> {
                if (keySize != 4) {
                    return where + "keySize must be 4, got " + keySize;
                }
                if (valueSize != 4) {
                    return where + "valueSize must be 4 (" + (type == MapType.DEVMAP ? "an ifindex" : "a program id") + "), got " + valueSize;
                }
                return null;
            }
            case RINGBUF -> {
                if (keySize != 0 || valueSize != 0) {
                    return where + "keySize and valueSize must be 0, got " + keySize + " and " + valueSize;
                }
                if (Integer.bitCount(maxEntries) != 1 || maxEntries % PAGE_SIZE != 0 || maxEntries > MAX_RINGBUF_SIZE) {
                    return where + "maxEntries is the size in bytes and must be a power of two, a multiple of "
                            + PAGE_SIZE + " and at most " + MAX_RINGBUF_SIZE + ", got " + maxEntries;
                }
                return null;
            }
            default -> {
                return where + "unsupported type";
            }
        }
    }

    private String valueProblem(String where) {
        int max = type.perCpu() ? MAX_PERCPU_VALUE_SIZE : MAX_VALUE_SIZE;
        if (valueSize < 1 || valueSize > max) {
            return where + "valueSize must be 1.." + max + ", got " + valueSize;
        }
        return null;
    }

    /** This definition, after checking it: throws IllegalArgumentException with {@link #problem()}. */
    public MapDef validated() {
        String p = problem();
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        return this;
    }

    /** True when {@code other} has the same type, sizes and capacity (names aside). */
    public boolean sameShape(MapDef other) {
        return type == other.type && keySize == other.keySize && valueSize == other.valueSize && maxEntries == other.maxEntries;
    }

    /** The shape as bpftool's {@code map show} second line words: {@code hash key 4B value 8B max_entries 1024}. */
    public String describe() {
        return type.linuxName() + " key " + keySize + "B value " + valueSize + "B max_entries " + maxEntries;
    }
}
