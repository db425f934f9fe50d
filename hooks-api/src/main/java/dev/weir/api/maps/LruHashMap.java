package dev.weir.api.maps;

/**
 * A hash table that never refuses a new key ({@link MapType#LRU_HASH}): when it is full, an
 * insert evicts the least recently used entry, as Linux's LRU hash does. The order is
 * approximate in the same way as Linux's: a lookup or update marks its entry referenced, and
 * eviction takes the oldest entry that has not been referenced since it was last passed over,
 * giving referenced ones a second chance (they move to the young end with the mark cleared).
 * A connection-tracking or flow table that must keep working under a flood of new flows uses
 * this type. The operations are those of {@link HashMap}; {@link MapError#E2BIG} never occurs.
 */
public interface LruHashMap extends HashMap {
}
