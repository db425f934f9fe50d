/**
 * Maps: the only state a program has, shared with user space, the command line and other
 * programs.
 *
 * <p>A program declares the maps it uses as instance fields of one of these interface types,
 * annotated with {@link dev.weir.api.prog.MapSpec}; the loader creates the map (or finds the
 * pinned map of that name on the host) and assigns the field before the first run. The
 * implementations live in the datapath ({@code dev.weir.maps}); a program sees only these
 * interfaces.
 *
 * <h2>Rules every map follows</h2>
 * <ul>
 *   <li><b>Fixed sizes.</b> Keys are {@link WeirMap#keySize()} bytes and values
 *       {@link WeirMap#valueSize()} bytes, fixed when the map is created. The byte-level
 *       operations copy keys and values from and to caller arrays at an offset: a program uses
 *       its context's {@code scratch()} area for them and so never allocates.
 *   <li><b>Primitive fast paths.</b> Where a key or value fits a {@code long} (8 bytes or fewer)
 *       the maps offer {@code lookupLong}/{@code updateLong}/{@code addLong}: the long's low
 *       {@code keySize} (or {@code valueSize}) bytes, in <b>network byte order</b>
 *       (big-endian). A 4-byte key {@code 0x0a000001L} is the bytes {@code 0a 00 00 01}, the
 *       same bytes an IPv4 address has in the packet, and a value {@code 5L} in an 8-byte
 *       value is {@code 00 00 00 00 00 00 00 05}. Every multi-byte number Weir stores in a map
 *       follows this one order, including the array index and the LPM prefix length.
 *   <li><b>No allocation, no exceptions on the program path.</b> Operations return
 *       {@link MapError#OK} (0) or a negative {@link MapError} code, as Linux's helpers return
 *       {@code -errno}. Bad offsets return {@link MapError#EFAULT} instead of throwing.
 *   <li><b>Capacity is enforced.</b> Inserting a new key into a full hash map fails with
 *       {@link MapError#E2BIG} (an LPM trie: {@link MapError#ENOSPC}, as Linux's does); an LRU
 *       hash map evicts instead. Updates take Linux's flags {@link MapFlags#ANY},
 *       {@link MapFlags#NOEXIST}, {@link MapFlags#EXIST}.
 *   <li><b>One thread.</b> A host's maps are used on its simulation thread: by programs while
 *       they run and by user space between events. They are not safe for concurrent use from
 *       other threads; user-space code on another thread hands its work to the host.
 *   <li><b>User-space operations</b> (iteration, all-CPU reads of per-CPU maps, the ring-buffer
 *       consumer, program-array and device-map updates) are marked {@link UserSpaceOnly}: the
 *       verifier rejects programs that call them, as Linux only offers them through the
 *       {@code bpf()} system call.
 * </ul>
 *
 * <h2>Types</h2>
 * <pre>
 *   WeirMap ─┬─ KeyValueMap ─┬─ HashMap ─┬─ LruHashMap
 *            │               │           └─ PerCpuHashMap* ── LruPerCpuHashMap
 *            │               ├─ ArrayMap ── PerCpuArrayMap*
 *            │               ├─ LpmTrieMap
 *            │               └─ DevMap
 *            ├─ RingBufMap
 *            └─ ProgramArrayMap
 *   (* also a PerCpuMap: numCpus, cpuStride)
 * </pre>
 */
package dev.weir.api.maps;
