package dev.weir.maps;

import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.RecordConsumer;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.wire.Bytes;

/**
 * {@code RINGBUF}: a byte ring of {@code maxEntries} bytes holding records, each an 8-byte
 * header (32-bit length with a BUSY bit while reserved and a DISCARD bit, then 4 unused bytes)
 * followed by the data, padded to 8 bytes, as Linux's BPF ring buffer lays them out.
 *
 * <p>Positions are byte counts since creation: the producer position advances on reserve, the
 * consumer position when user space consumes. A record is always contiguous in the array: one
 * that would run past the end is preceded by a discarded filler record up to the end (so the
 * consumer skips it); when the ring is empty, the positions jump to the next start of the array
 * instead. Linux maps its ring twice to make records contiguous; this costs at most the tail of
 * the array when a record wraps.
 *
 * <p>Reservations are tracked (at most {@link #MAX_OUTSTANDING}), so a program can only write
 * into, submit or discard records it holds, within their bounds; a stale or forged handle is
 * EINVAL, never a corrupted ring.
 */
public final class RingBufMapImpl extends MapImpl implements RingBufMap {
    /** Most reservations outstanding at once. */
    public static final int MAX_OUTSTANDING = 64;
    static final int HDR = 8;
    static final int BUSY = 1 << 31;
    static final int DISCARD = 1 << 30;
    static final int LEN_MASK = DISCARD - 1;

    private final byte[] data;
    private final int size;
    private final long mask;
    private long prod;
    private long cons;
    private long lost;
    private long discardedByRuntime;
    /** Producer positions of outstanding reservations. */
    private final long[] pending = new long[MAX_OUTSTANDING];
    private int pendingCount;

    public RingBufMapImpl(MapDef def) {
        super(def);
        if (def.type() != dev.weir.api.maps.MapType.RINGBUF) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.type().linuxName() + " is not ringbuf");
        }
        this.size = def.maxEntries();
        this.data = new byte[size];
        this.mask = size - 1;
    }

    private static int total(int len) {
        return (len + HDR + 7) & ~7;
    }

    @Override
    public int reserve(int len) {
        if (len < 1 || len > size - HDR) {
            return MapError.EINVAL;
        }
        if (pendingCount == MAX_OUTSTANDING) {
            return MapError.EBUSY;
        }
        int total = total(len);
        long off = prod & mask;
        if (prod == cons && off + total > size) {
            // Empty: start the record at the beginning of the array rather than wrap it.
            prod += size - off;
            cons = prod;
            off = 0;
        }
        long pad = off + total > size ? size - off : 0;
        if (prod - cons + pad + total > size) {
            lost++;
            return MapError.EAGAIN;
        }
        if (pad > 0) {
            Bytes.put32(data, (int) off, (int) (pad - HDR) | DISCARD);
            Bytes.put32(data, (int) off + 4, 0);
            prod += pad;
            off = 0;
        }
        Bytes.put32(data, (int) off, len | BUSY);
        Bytes.put32(data, (int) off + 4, 0);
        pending[pendingCount++] = prod;
        prod += total;
        return (int) off + HDR;
    }

    /** The index in {@link #pending} of the reservation with data at {@code handle}, or -1. */
    private int outstanding(int handle) {
        for (int i = 0; i < pendingCount; i++) {
            if ((int) (pending[i] & mask) + HDR == handle) {
                return i;
            }
        }
        return -1;
    }

    private int finish(int handle, long flags, boolean discard) {
        if ((flags & ~(NO_WAKEUP | FORCE_WAKEUP)) != 0) {
            return MapError.EINVAL;
        }
        int i = outstanding(handle);
        if (i < 0) {
            return MapError.EINVAL;
        }
        int at = handle - HDR;
        int h = Bytes.i32(data, at) & ~BUSY;
        Bytes.put32(data, at, discard ? h | DISCARD : h);
        pending[i] = pending[--pendingCount];
        return MapError.OK;
    }

    @Override
    public int submit(int handle, long flags) {
        return finish(handle, flags, false);
    }

    @Override
    public int discard(int handle, long flags) {
        return finish(handle, flags, true);
    }

    /** Where {@code n} bytes at {@code at} of reservation {@code handle} go in the array, or -1. */
    private int target(int handle, int at, int n) {
        if (outstanding(handle) < 0) {
            return -1;
        }
        int len = Bytes.i32(data, handle - HDR) & LEN_MASK;
        return at >= 0 && n >= 0 && at <= len - n ? handle + at : -1;
    }

    @Override
    public int store8(int handle, int at, int v) {
        int t = target(handle, at, 1);
        if (t < 0) {
            return MapError.EINVAL;
        }
        data[t] = (byte) v;
        return MapError.OK;
    }

    @Override
    public int store16(int handle, int at, int v) {
        int t = target(handle, at, 2);
        if (t < 0) {
            return MapError.EINVAL;
        }
        Bytes.put16(data, t, v);
        return MapError.OK;
    }

    @Override
    public int store32(int handle, int at, int v) {
        int t = target(handle, at, 4);
        if (t < 0) {
            return MapError.EINVAL;
        }
        Bytes.put32(data, t, v);
        return MapError.OK;
    }

    @Override
    public int store64(int handle, int at, long v) {
        int t = target(handle, at, 8);
        if (t < 0) {
            return MapError.EINVAL;
        }
        Bytes.put64(data, t, v);
        return MapError.OK;
    }

    @Override
    public int write(int handle, int at, byte[] src, int off, int len) {
        if (!Words.fits(src, off, len) || len < 0) {
            return MapError.EFAULT;
        }
        int t = target(handle, at, len);
        if (t < 0) {
            return MapError.EINVAL;
        }
        System.arraycopy(src, off, data, t, len);
        return MapError.OK;
    }

    @Override
    public int output(byte[] src, int off, int len, long flags) {
        if ((flags & ~(NO_WAKEUP | FORCE_WAKEUP)) != 0) {
            return MapError.EINVAL;
        }
        if (len < 0 || !Words.fits(src, off, len)) {
            return MapError.EFAULT;
        }
        int h = reserve(len);
        if (h < 0) {
            return h;
        }
        System.arraycopy(src, off, data, h, len);
        return submit(h, flags);
    }

    @Override
    public long query(int item) {
        return switch (item) {
            case AVAIL_DATA -> prod - cons;
            case RING_SIZE -> size;
            case CONS_POS -> cons;
            case PROD_POS -> prod;
            default -> 0;
        };
    }

    @Override
    public long lost() {
        return lost;
    }

    @Override
    public int consume(RecordConsumer consumer) {
        int n = 0;
        while (cons < prod) {
            int off = (int) (cons & mask);
            int h = Bytes.i32(data, off);
            if ((h & BUSY) != 0) {
                break;
            }
            int len = h & LEN_MASK;
            if ((h & DISCARD) != 0) {
                cons += total(len);
                continue;
            }
            n++;
            boolean more = consumer.accept(data, off + HDR, len);
            cons += total(len);
            if (!more) {
                break;
            }
        }
        return n;
    }

    /**
     * For the runtime, after a program's run: discards every reservation still outstanding (a
     * program must submit or discard what it reserves; Linux's verifier enforces it, Weir
     * cleans up and counts). Returns how many were discarded.
     */
    public int discardOutstanding() {
        int n = pendingCount;
        while (pendingCount > 0) {
            finish((int) (pending[pendingCount - 1] & mask) + HDR, 0, true);
        }
        discardedByRuntime += n;
        return n;
    }

    /** Reservations the runtime discarded because a program left them outstanding. */
    public long discardedByRuntime() {
        return discardedByRuntime;
    }

    /** Reservations outstanding now. */
    public int outstanding() {
        return pendingCount;
    }

    // ---- MapImpl: a ring buffer has no elements ----

    @Override
    public boolean hasElements() {
        return false;
    }

    @Override
    public long memoryBytes() {
        return size;
    }

    @Override
    public int userCount() {
        return 0;
    }

    @Override
    public int userLookup(byte[] key, byte[] value) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int userDelete(byte[] key) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int userGetNextKey(byte[] key, byte[] nextKey) {
        return MapError.EOPNOTSUPP;
    }
}
