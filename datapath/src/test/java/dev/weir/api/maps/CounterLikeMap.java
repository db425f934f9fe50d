package dev.weir.api.maps;

/** TEST-ONLY stand-in for a map interface with primitive fast paths. */
public interface CounterLikeMap {
    long lookupLong(long key);

    void updateLong(long key, long value);
}
