package dev.weir.skb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every {@link SkBuff} and {@link SkbData} comes from, with accounting so a test can
 * assert that nothing leaked. Data areas come in power-of-two size classes from 256 bytes to
 * 128 KiB (a 64 KiB GSO super-packet plus headroom); larger requests are served unpooled but
 * counted. Freed objects go back on free lists, so a steady packet flow allocates nothing.
 *
 * <p>Not thread-safe: a simulation is single-threaded, and each real-time host runs its stack
 * on one thread.
 */
public final class SkbPool {
    private static final int MIN_CLASS_SHIFT = 8;   // 256 bytes
    private static final int MAX_CLASS_SHIFT = 17;  // 128 KiB
    private static final int UNPOOLED = -1;

    private final String name;
    private final ArrayDeque<SkBuff> freeSkbs = new ArrayDeque<>();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<SkbData>[] freeData = new ArrayDeque[MAX_CLASS_SHIFT - MIN_CLASS_SHIFT + 1];
    private boolean trackLeaks;
    private final List<SkBuff> liveSkbsTracked = new ArrayList<>();

    private long skbAllocs;
    private long skbFrees;
    private long dataAllocs;
    private long dataFrees;
    private long dataBytesLive;

    public SkbPool(String name) {
        this.name = name;
        for (int i = 0; i < freeData.length; i++) {
            freeData[i] = new ArrayDeque<>();
        }
    }

    public String name() {
        return name;
    }

    /**
     * Records where each buffer was allocated, so {@link #assertNoLeaks} can name the site of a
     * leaked one. Costs a stack trace per allocation: for tests and debugging only.
     */
    public SkbPool trackLeaks(boolean on) {
        this.trackLeaks = on;
        return this;
    }

    /**
     * A new buffer with room for {@code size} bytes after {@code headroom} bytes reserved for
     * headers pushed later; {@code data == tail == headroom}, length 0.
     */
    public SkBuff alloc(int size, int headroom) {
        if (size < 0 || headroom < 0) {
            throw new IllegalArgumentException("negative size " + size + " or headroom " + headroom);
        }
        SkbData d = allocData(size + headroom);
        SkBuff skb = newShell();
        skb.attach(d, headroom, headroom);
        return skb;
    }

    /**
     * Linux's {@code build_skb}: a buffer whose head is {@code area} itself, no copy, with
     * {@code len} bytes of data starting {@code headroom} bytes in. The caller's reference to the
     * area passes to the buffer (a driver hands over the receive buffer the NIC wrote into).
     */
    public SkBuff buildSkb(SkbData area, int headroom, int len) {
        if (area.pool != this) {
            throw new IllegalArgumentException("build_skb over a data area of pool '" + area.pool.name() + "' in pool '" + name + "'");
        }
        if (headroom < 0 || len < 0 || headroom + len > area.bytes.length) {
            throw new IllegalArgumentException("build_skb: headroom " + headroom + " + len " + len + " outside a " + area.bytes.length + "-byte area");
        }
        if (area.refs != 1) {
            throw new IllegalStateException("build_skb needs the only reference to its area, it has " + area.refs);
        }
        SkBuff skb = newShell();
        skb.attach(area, headroom, headroom + len);
        return skb;
    }

    /** A page-sized (4096-byte) area for fragments, with one reference held by the caller. */
    public SkbData allocPage() {
        return allocData(4096);
    }

    /** A data area of at least {@code size} bytes, with one reference held by the caller. */
    public SkbData allocData(int size) {
        int cls = sizeClass(size);
        SkbData d = null;
        if (cls != UNPOOLED) {
            d = freeData[cls].pollFirst();
        }
        if (d == null) {
            int cap = cls == UNPOOLED ? size : 1 << (cls + MIN_CLASS_SHIFT);
            d = new SkbData(new byte[cap], this, cls);
        }
        d.refs = 1;
        d.allocatedAt = trackLeaks ? new Throwable("allocated here") : null;
        dataAllocs++;
        dataBytesLive += d.bytes.length;
        return d;
    }

    SkBuff newShell() {
        SkBuff skb = freeSkbs.pollFirst();
        if (skb == null) {
            skb = new SkBuff(this);
        }
        skb.freed = false;
        skb.allocatedAt = trackLeaks ? new Throwable("allocated here") : null;
        if (trackLeaks) {
            liveSkbsTracked.add(skb);
        }
        skb.id = ++skbAllocs;
        return skb;
    }

    void recycleShell(SkBuff skb) {
        skbFrees++;
        if (trackLeaks) {
            liveSkbsTracked.remove(skb);
        }
        freeSkbs.addFirst(skb);
    }

    void recycle(SkbData d) {
        dataFrees++;
        dataBytesLive -= d.bytes.length;
        d.allocatedAt = null;
        if (d.sizeClass != UNPOOLED) {
            freeData[d.sizeClass].addFirst(d);
        }
    }

    private static int sizeClass(int size) {
        if (size > 1 << MAX_CLASS_SHIFT) {
            return UNPOOLED;
        }
        int shift = size <= 1 << MIN_CLASS_SHIFT ? MIN_CLASS_SHIFT : 32 - Integer.numberOfLeadingZeros(size - 1);
        return shift - MIN_CLASS_SHIFT;
    }

    /** Buffers allocated and not yet freed. */
    public long liveSkbs() {
        return skbAllocs - skbFrees;
    }

    /** Data areas (heads and pages) with references outstanding. */
    public long liveData() {
        return dataAllocs - dataFrees;
    }

    /** Bytes held by live data areas. */
    public long liveBytes() {
        return dataBytesLive;
    }

    public long totalSkbAllocs() {
        return skbAllocs;
    }

    /**
     * Fails with a message naming what leaked (and where it was allocated, when tracking) unless
     * every buffer and data area from this pool has been freed.
     */
    public void assertNoLeaks() {
        if (liveSkbs() == 0 && liveData() == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder("pool '" + name + "' leaked " + liveSkbs() + " skb(s) and "
                + liveData() + " data area(s), " + liveBytes() + " bytes");
        if (trackLeaks) {
            for (SkBuff s : liveSkbsTracked.subList(0, Math.min(5, liveSkbsTracked.size()))) {
                sb.append("\n  skb len ").append(s.len()).append(siteOf(s.allocatedAt));
            }
        } else {
            sb.append(" (enable trackLeaks(true) to see where they were allocated)");
        }
        throw new AssertionError(sb.toString());
    }

    static String siteOf(Throwable t) {
        if (t == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(", allocated at");
        StackTraceElement[] st = t.getStackTrace();
        int shown = 0;
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            if (shown == 0 && (c.equals(SkbPool.class.getName()) || c.equals(SkBuff.class.getName()) || c.equals(SkbData.class.getName()))) {
                continue;
            }
            sb.append("\n    at ").append(e);
            if (++shown == 4) {
                break;
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SkbPool[" + name + ": " + liveSkbs() + " skbs, " + liveData() + " data areas live]";
    }
}
