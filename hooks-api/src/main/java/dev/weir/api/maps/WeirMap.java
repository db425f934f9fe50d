package dev.weir.api.maps;

/**
 * What every map has: a name, a type, fixed key and value sizes and a capacity, set when the
 * map is created and never changed. The sub-interfaces add the operations of each type.
 */
public interface WeirMap {
    /** The map's name: the pinned name when pinned, the {@code @MapSpec} name otherwise. */
    String name();

    MapType type();

    /** Key size in bytes (4 for arrays, 4 + address bytes for an LPM trie, 0 for a ring buffer). */
    int keySize();

    /** Value size in bytes (per CPU, for per-CPU maps; 0 for a ring buffer). */
    int valueSize();

    /** Capacity in entries; a ring buffer's size in bytes. */
    int maxEntries();
}
