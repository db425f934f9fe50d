package dev.weir.api.maps;

/**
 * The kinds of map, with Linux's names (as bpftool prints them) and {@code BPF_MAP_TYPE_*}
 * numbers, and the interface a program's field must have to hold one.
 */
public enum MapType {
    /** Hash table of fixed-size keys and values; a full map refuses new keys (E2BIG). */
    HASH("hash", 1, HashMap.class, false),
    /** Array indexed by a 4-byte key 0..maxEntries-1; every element exists, zeroed at creation. */
    ARRAY("array", 2, ArrayMap.class, false),
    /** Programs for tail calls, indexed by a 4-byte key. */
    PROG_ARRAY("prog_array", 3, ProgramArrayMap.class, false),
    /** Hash table with one value per modelled CPU. */
    PERCPU_HASH("percpu_hash", 5, PerCpuHashMap.class, true),
    /** Array with one value per modelled CPU. */
    PERCPU_ARRAY("percpu_array", 6, PerCpuArrayMap.class, true),
    /** Hash table that evicts its least recently used entry instead of refusing a new key. */
    LRU_HASH("lru_hash", 9, LruHashMap.class, false),
    /** LRU hash table with one value per modelled CPU. */
    LRU_PERCPU_HASH("lru_percpu_hash", 10, LruPerCpuHashMap.class, true),
    /** Longest-prefix-match trie; key = 4-byte prefix length + address bytes. */
    LPM_TRIE("lpm_trie", 11, LpmTrieMap.class, false),
    /** Device map for XDP redirect: 4-byte key to a 4-byte ifindex. */
    DEVMAP("devmap", 14, DevMap.class, false),
    /** Ring buffer of variable-length records; maxEntries is its size in bytes. */
    RINGBUF("ringbuf", 27, RingBufMap.class, false);

    private final String linuxName;
    private final int linuxNumber;
    private final Class<? extends WeirMap> interfaceType;
    private final boolean perCpu;

    MapType(String linuxName, int linuxNumber, Class<? extends WeirMap> interfaceType, boolean perCpu) {
        this.linuxName = linuxName;
        this.linuxNumber = linuxNumber;
        this.interfaceType = interfaceType;
        this.perCpu = perCpu;
    }

    /** The name bpftool prints ({@code hash}, {@code lpm_trie}, ...). */
    public String linuxName() {
        return linuxName;
    }

    /** Linux's {@code BPF_MAP_TYPE_*} value. */
    public int linuxNumber() {
        return linuxNumber;
    }

    /**
     * The interface a map of this type implements. A program's map field must be declared with
     * this type or one of its super-interfaces (an {@code LRU_HASH} map may sit in a
     * {@link HashMap} field).
     */
    public Class<? extends WeirMap> interfaceType() {
        return interfaceType;
    }

    /** True when each modelled CPU has its own value. */
    public boolean perCpu() {
        return perCpu;
    }

    /** True for the hash-table types (HASH, PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH). */
    public boolean isHash() {
        return this == HASH || this == PERCPU_HASH || this == LRU_HASH || this == LRU_PERCPU_HASH;
    }

    /** True for the LRU types. */
    public boolean isLru() {
        return this == LRU_HASH || this == LRU_PERCPU_HASH;
    }

    /** The type whose {@link #linuxName()} or enum name (any case) is {@code name}, or null. */
    public static MapType byName(String name) {
        for (MapType t : values()) {
            if (t.linuxName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
