package dev.weir.api.maps;

/**
 * A longest-prefix-match table ({@link MapType#LPM_TRIE}): routes, ACLs and geo tables keyed by
 * IPv4 or IPv6 prefixes.
 *
 * <h2>Key</h2>
 * As Linux's {@code struct bpf_lpm_trie_key}: a 4-byte prefix length (big-endian here, like
 * every number in Weir's maps) followed by the address bytes in network order; keySize is
 * 4 + 4 for IPv4 and 4 + 16 for IPv6 (any 1..16 address bytes are allowed). Address bits past
 * the prefix length are ignored and stored as zero, so {@code 10.1.2.3/8} and {@code 10.0.0.0/8}
 * are the same key.
 *
 * <ul>
 *   <li>{@link #update} inserts or replaces the prefix; a prefix length beyond the address
 *       width is {@link MapError#EINVAL}; a new prefix in a full map is {@link MapError#ENOSPC}
 *       (Linux's code for a full trie).
 *   <li>{@link #delete} removes that exact prefix (not the longest match).
 *   <li>{@link #lookup} returns the value of the longest stored prefix that matches the key's
 *       address in its first {@code prefixlen} bits; a lookup normally gives the full width
 *       (32 or 128).
 * </ul>
 *
 * <h2>Fast paths</h2>
 * {@code V4} methods need a 4-byte address, {@code V6} methods a 16-byte one, given as the high
 * and low halves ({@code hi} = first 8 bytes, big-endian, as the wire views' {@code srcHi()});
 * {@code Long} values need valueSize &lt;= 8. Otherwise they return {@code absent} or
 * {@link MapError#EINVAL}.
 *
 * <p>Lookups of a full-width address allocate nothing and cost a few array reads (the
 * implementation is a multibit trie that holds a full Internet routing table); insertions and
 * deletions may allocate as the trie grows, as Linux's (which requires
 * {@code BPF_F_NO_PREALLOC}) does.
 */
public interface LpmTrieMap extends KeyValueMap {
    /** Address bytes per key: keySize - 4. */
    default int addressBytes() {
        return keySize() - 4;
    }

    /** Value of the longest prefix matching the IPv4 address {@code addr}, or {@code absent}. */
    long lookupLongV4(int addr, long absent);

    /** Copies the value of the longest prefix matching {@code addr}: OK or ENOENT. */
    int lookupV4(int addr, byte[] value, int valueOff);

    /** Value of the longest prefix matching the IPv6 address {@code hi:lo}, or {@code absent}. */
    long lookupLongV6(long hi, long lo, long absent);

    int lookupV6(long hi, long lo, byte[] value, int valueOff);

    /**
     * The length of the longest prefix matching {@code addr}, or -1 when none does: which route
     * was chosen, for tracing.
     */
    int matchLengthV4(int addr);

    /** Inserts or replaces {@code addr/prefixLen}; flags and results as {@link #update}. */
    int updateV4(int addr, int prefixLen, long value, long flags);

    int updateV6(long hi, long lo, int prefixLen, long value, long flags);

    /** Removes exactly {@code addr/prefixLen}: OK or ENOENT. */
    int deleteV4(int addr, int prefixLen);

    int deleteV6(long hi, long lo, int prefixLen);
}
