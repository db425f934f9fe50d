package dev.weir.api.maps;

/**
 * A per-CPU hash table with LRU eviction ({@link MapType#LRU_PERCPU_HASH}): the values of
 * {@link PerCpuHashMap}, the eviction of {@link LruHashMap} (an entry is one key with all its
 * CPUs' values; it is evicted as a whole).
 */
public interface LruPerCpuHashMap extends PerCpuHashMap, LruHashMap {
}
