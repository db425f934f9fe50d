/**
 * The maps behind {@code dev.weir.api.maps}: their storage, a host's registry of them, and the
 * user-space side of Linux's {@code bpf()} map commands with bpftool's text forms.
 *
 * <pre>
 *   MapRegistry (one per host: ids, pins by name, bpf() user-space operations, batches)
 *     └─ MapImpl ─┬─ KeyValueMapImpl ─┬─ HashMapImpl (+ Lru, PerCpu, LruPerCpu)   HashCore + ValueStore
 *                 │                   ├─ ArrayMapImpl (+ PerCpu)                  ValueStore
 *                 │                   ├─ LpmTrieMapImpl                           HashCore + LpmTrie + ValueStore
 *                 │                   └─ DevMapImpl
 *                 ├─ RingBufMapImpl
 *                 └─ ProgramArrayMapImpl
 *   MapText: map show | dump | lookup | getnext | update | delete, text and JSON, as bpftool
 *   CpuContext: the CPU a per-CPU map's program-side operations use
 * </pre>
 *
 * <p><b>Storage.</b> Everything a map needs is allocated when it is created, in a few primitive
 * arrays (no object per entry): keys and values as big-endian 64-bit words ({@link
 * dev.weir.maps.Words}), an open-addressing index over a fixed pool of entries
 * ({@link dev.weir.maps.HashCore}), values per entry and CPU ({@link dev.weir.maps.ValueStore}).
 * Lookups, updates, deletes and evictions allocate nothing; only an LPM trie's chunk arrays grow
 * when new prefixes need more chunks (Linux allocates LPM nodes per insert too).
 *
 * <p><b>Threads.</b> A host's maps are used from its simulation thread only; nothing here
 * locks.
 */
package dev.weir.maps;
