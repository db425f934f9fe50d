package dev.weir.api.maps;

/**
 * An array ({@link MapType#ARRAY}): {@link #maxEntries()} values indexed by a 4-byte key
 * 0..maxEntries-1 (big-endian in the byte-level key). Every element exists from creation,
 * zeroed, so lookups of an index in range always succeed, {@link MapFlags#NOEXIST} always fails
 * with {@link MapError#EEXIST}, and delete returns {@link MapError#EINVAL}, as in Linux. An
 * index out of range is {@link MapError#ENOENT} on lookup and {@link MapError#E2BIG} on update.
 *
 * <p>The index operations take the index as an int; the long value fast paths need
 * valueSize &lt;= 8 (see {@link HashMap} for the byte order).
 */
public interface ArrayMap extends KeyValueMap {
    /** The value at {@code index}, or {@code absent} when the index is out of range. */
    long lookupLong(int index, long absent);

    /** Sets the value at {@code index}; flags and results as {@link #update}. */
    int updateLong(int index, long value, long flags);

    /** Adds {@code delta} to the value at {@code index}, wrapping at the value's width. */
    int addLong(int index, long delta);

    /** Copies the value at {@code index} into {@code value}. */
    int lookup(int index, byte[] value, int valueOff);

    /** Sets the value at {@code index} from {@code value}. */
    int update(int index, byte[] value, int valueOff, long flags);
}
