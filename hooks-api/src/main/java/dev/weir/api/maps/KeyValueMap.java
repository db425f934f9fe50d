package dev.weir.api.maps;

/**
 * A map of fixed-size keys to fixed-size values, with Linux's element operations
 * ({@code bpf_map_lookup_elem}, {@code bpf_map_update_elem}, {@code bpf_map_delete_elem}).
 *
 * <p>Keys and values are read from and written to the caller's arrays at an offset; exactly
 * {@link #keySize()} and {@link #valueSize()} bytes are touched. A program uses its context's
 * scratch area for them. A null array or one too short for the size at that offset makes the
 * operation return {@link MapError#EFAULT}; nothing here throws or allocates.
 *
 * <p>Per-CPU maps: from a program these operate on the current CPU's value only; user space
 * reads and writes all CPUs through the per-CPU interfaces.
 */
public interface KeyValueMap extends WeirMap {
    /**
     * Copies the value of {@code key} into {@code value} at {@code valueOff}.
     *
     * @return {@link MapError#OK}, {@link MapError#ENOENT} when the key is absent (the value
     *         bytes are then left unchanged), or {@link MapError#EFAULT}
     */
    int lookup(byte[] key, int keyOff, byte[] value, int valueOff);

    /**
     * Sets the value of {@code key} from {@code value} at {@code valueOff}.
     *
     * @param flags {@link MapFlags#ANY}, {@link MapFlags#NOEXIST} or {@link MapFlags#EXIST}
     * @return {@link MapError#OK}; {@link MapError#EEXIST} or {@link MapError#ENOENT} when the
     *         flags refuse; {@link MapError#E2BIG} (hash) or {@link MapError#ENOSPC} (LPM trie)
     *         when a new key does not fit; {@link MapError#EINVAL} for unknown flags or a key the
     *         type refuses; {@link MapError#EFAULT}
     */
    int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags);

    /**
     * Removes {@code key}.
     *
     * @return {@link MapError#OK}, {@link MapError#ENOENT}, {@link MapError#EINVAL} for arrays
     *         (their elements cannot be deleted, as in Linux), or {@link MapError#EFAULT}
     */
    int delete(byte[] key, int keyOff);

    /**
     * Iteration with Linux's {@code BPF_MAP_GET_NEXT_KEY} semantics: writes the key that follows
     * {@code key} into {@code nextKey}; with {@code key == null}, or a key that is not in the
     * map, the first key. The order is the map's internal entry order: the same for the same
     * history of operations, and not disturbed when the key just returned is deleted (the usual
     * dump-and-delete loop visits every key once).
     *
     * @return {@link MapError#OK}, or {@link MapError#ENOENT} when there is no next key
     */
    @UserSpaceOnly
    int getNextKey(byte[] key, int keyOff, byte[] nextKey, int nextKeyOff);

    /** Number of entries present (for arrays: maxEntries). */
    @UserSpaceOnly
    int size();
}
