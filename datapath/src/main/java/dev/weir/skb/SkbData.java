package dev.weir.skb;

/**
 * A pooled, reference-counted data area: the head of one or more {@link SkBuff}s (clones share
 * it) or a page fragment referenced from other buffers' frag lists (GRO, TSO).
 *
 * <p>It carries what Linux keeps in {@code skb_shared_info} at the end of the head: the page
 * fragments and the GSO fields, which clones share with the head. {@link #refs} counts every
 * holder: each SkBuff whose head this is, and each frag slot that points into it.
 */
public final class SkbData {
    /** Most page fragments a buffer may carry, as Linux's MAX_SKB_FRAGS. */
    public static final int MAX_FRAGS = 17;

    final byte[] bytes;
    final SkbPool pool;
    final int sizeClass;
    int refs;

    // skb_shared_info: meaningful when this area is an skb head.
    final SkbData[] fragData = new SkbData[MAX_FRAGS];
    final int[] fragOff = new int[MAX_FRAGS];
    final int[] fragLen = new int[MAX_FRAGS];
    int nrFrags;
    int gsoSize;
    int gsoSegs;
    int gsoType;

    /** Allocation site when the pool tracks leaks, else null. */
    Throwable allocatedAt;

    SkbData(byte[] bytes, SkbPool pool, int sizeClass) {
        this.bytes = bytes;
        this.pool = pool;
        this.sizeClass = sizeClass;
    }

    /** The bytes of this area. Writers must own it alone ({@link SkBuff#makeWritable}). */
    public byte[] bytes() {
        return bytes;
    }

    public int capacity() {
        return bytes.length;
    }

    /** Current number of holders (SkBuff heads and frag slots). */
    public int refs() {
        return refs;
    }

    /** Takes one more reference, e.g. before placing this area in a frag slot. */
    public SkbData retain() {
        if (refs <= 0) {
            throw new IllegalStateException("retain of a freed data area");
        }
        refs++;
        return this;
    }

    /** Drops one reference; the last one returns the area and its frags to the pool. */
    public void release() {
        if (refs <= 0) {
            throw new IllegalStateException("double release of a data area" + SkbPool.siteOf(allocatedAt));
        }
        if (--refs == 0) {
            for (int i = 0; i < nrFrags; i++) {
                fragData[i].release();
                fragData[i] = null;
            }
            nrFrags = 0;
            gsoSize = 0;
            gsoSegs = 0;
            gsoType = 0;
            pool.recycle(this);
        }
    }
}
