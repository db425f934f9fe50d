package dev.weir.api.maps;

/**
 * A ring buffer of variable-length records ({@link MapType#RINGBUF}), the way a program sends
 * events to user space: a byte ring of {@link #maxEntries()} bytes (a power of two, a multiple
 * of 4096) shared by every program that writes to it, read by one consumer in user space, in
 * the order the records were reserved.
 *
 * <h2>Producing (programs)</h2>
 * Either in one step, copying from the program's scratch area:
 * <pre>{@code
 * byte[] s = ctx.scratch();
 * ... fill s[0..24) ...
 * events.output(s, 0, 24, 0);            // or ctx.ringbufOutput(events, s, 0, 24, 0)
 * }</pre>
 * or in place, as {@code bpf_ringbuf_reserve}/{@code submit}/{@code discard} do:
 * <pre>{@code
 * int rec = events.reserve(24);
 * if (rec >= 0) {
 *     events.store32(rec, 0, ctx.loadU32(26));
 *     events.store64(rec, 8, ctx.ktimeNs());
 *     events.submit(rec, 0);              // or discard(rec, 0)
 * }
 * }</pre>
 * A reservation is a handle (non-negative) that only the {@code store}/{@code write} methods
 * use, bounds-checked against the reserved size; the program never sees the ring's array.
 * Every reservation must be submitted or discarded before the program returns; the runtime
 * discards what a program leaves outstanding and counts it. A record that does not fit is
 * refused with {@link MapError#EAGAIN} and counted in {@link #lost()}; the consumer then sees
 * a gap, not a corrupt record. Records are stored whole (8-byte header, 8-byte aligned); one
 * that would run past the end of the array is placed at its start, the tail being skipped.
 *
 * <h2>Consuming (user space)</h2>
 * {@link #consume} hands records over in reservation order and stops at the first record still
 * reserved, even if later ones were submitted, exactly as Linux's consumer does; discarded
 * records are skipped.
 */
public interface RingBufMap extends WeirMap {
    /** Flag of submit/discard/output: do not wake the consumer (accepted, no effect here). */
    long NO_WAKEUP = 1;
    /** Flag of submit/discard/output: wake the consumer now (accepted, no effect here). */
    long FORCE_WAKEUP = 2;

    /** {@link #query} item: bytes submitted or reserved and not yet consumed. */
    int AVAIL_DATA = 0;
    /** {@link #query} item: the ring's size in bytes. */
    int RING_SIZE = 1;
    /** {@link #query} item: the consumer position (bytes consumed since creation). */
    int CONS_POS = 2;
    /** {@link #query} item: the producer position (bytes reserved since creation). */
    int PROD_POS = 3;

    /** Reserves, copies {@code len} bytes and submits: OK, EAGAIN (no room), EINVAL, EFAULT. */
    int output(byte[] src, int off, int len, long flags);

    /**
     * Reserves a record of {@code size} bytes: a handle (&gt;= 0) for the store methods and
     * submit/discard, or EAGAIN when there is no room, EINVAL for a size below 1 or larger than
     * the ring can hold, EBUSY when 64 reservations are already outstanding.
     */
    int reserve(int size);

    /** Makes a reserved record visible to the consumer: OK, or EINVAL for a handle not outstanding. */
    int submit(int handle, long flags);

    /** Drops a reserved record; the consumer skips it: OK or EINVAL. */
    int discard(int handle, long flags);

    /** Stores the low 8 bits of {@code v} at byte {@code at} of the record: OK or EINVAL (out of the record). */
    int store8(int handle, int at, int v);

    /** Stores 16 bits big-endian at {@code at}. */
    int store16(int handle, int at, int v);

    /** Stores 32 bits big-endian at {@code at}. */
    int store32(int handle, int at, int v);

    /** Stores 64 bits big-endian at {@code at}. */
    int store64(int handle, int at, long v);

    /** Copies {@code len} bytes of {@code src} to byte {@code at} of the record: OK, EINVAL or EFAULT. */
    int write(int handle, int at, byte[] src, int off, int len);

    /** {@code bpf_ringbuf_query}: one of {@link #AVAIL_DATA}, {@link #RING_SIZE}, {@link #CONS_POS}, {@link #PROD_POS}; 0 for others. */
    long query(int item);

    /** Records refused for lack of room since creation. */
    long lost();

    /**
     * Hands every record available now to {@code consumer}, in order, until it returns false or
     * a record still reserved is reached.
     *
     * @return the number of records handed over
     */
    @UserSpaceOnly
    int consume(RecordConsumer consumer);
}
