package dev.weir.api.maps;

/**
 * A hash table ({@link MapType#HASH}): fixed-size keys to fixed-size values, at most
 * {@link #maxEntries()} of them. Storage is allocated when the map is created; lookups, updates
 * and deletes allocate nothing. Inserting a new key into a full map fails with
 * {@link MapError#E2BIG} and leaves the map unchanged.
 *
 * <h2>Fast paths</h2>
 * For maps whose key and value are 8 bytes or smaller, the {@code long} operations take the key
 * as the low {@link #keySize()} bytes of a long and the value as the low {@link #valueSize()}
 * bytes, both big-endian (see the package notes): a 4-byte key holding an IPv4 address is just
 * the address as read with {@code ctx.loadU32}. On a map whose key or value is larger they do
 * nothing and return {@link MapError#EINVAL} (lookups return {@code absent}); the loader warns
 * about such calls.
 *
 * <pre>{@code
 * @MapSpec(name = "pkts_by_src", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 65536)
 * HashMap pktsBySrc;
 * ...
 * pktsBySrc.addLong(ctx.loadU32(26), 1);    // count packets per IPv4 source
 * }</pre>
 */
public interface HashMap extends KeyValueMap {
    /** The value of {@code key}, or {@code absent} when the key is not present. */
    long lookupLong(long key, long absent);

    /** True when {@code key} is present (an LRU map counts this as a use). */
    boolean containsLong(long key);

    /** Sets the value of {@code key}; flags and results as {@link #update}. */
    int updateLong(long key, long value, long flags);

    /** Removes {@code key}: {@link MapError#OK} or {@link MapError#ENOENT}. */
    int deleteLong(long key);

    /**
     * Adds {@code delta} to the value of {@code key}, inserting {@code delta} when the key is
     * absent: the counter idiom of eBPF programs (lookup, then {@code __sync_fetch_and_add}, else
     * insert). The value is an unsigned number of {@link #valueSize()} bytes and wraps at that
     * width.
     *
     * @return {@link MapError#OK}, or {@link MapError#E2BIG} when the key is new and the map full
     */
    int addLong(long key, long delta);

    /** {@link #lookup} with a long key (keySize &lt;= 8) and a value of any size. */
    int lookup(long key, byte[] value, int valueOff);

    /** {@link #update} with a long key (keySize &lt;= 8) and a value of any size. */
    int update(long key, byte[] value, int valueOff, long flags);
}
