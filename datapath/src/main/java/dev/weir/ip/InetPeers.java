package dev.weir.ip;

/**
 * The table of {@link InetPeer}s of one family (Linux's {@code inet_peer_base}), keyed by
 * address. Looking up a known peer allocates nothing; a new address gets a new peer. The table
 * holds at most {@link #THRESHOLD} peers, dropping the least recently used beyond that (Linux
 * bounds it with {@code inet_peer_threshold} and ages entries out; Weir keeps only the bound).
 */
final class InetPeers {
    /** Linux's {@code inet_peer_threshold}: 65536 + 128. */
    static final int THRESHOLD = 65_536 + 128;

    private final int threshold;
    private InetPeer[] buckets = new InetPeer[256];
    private int size;
    /** Most recently used first. */
    private InetPeer lruHead;
    private InetPeer lruTail;

    InetPeers() {
        this(THRESHOLD);
    }

    InetPeers(int threshold) {
        this.threshold = threshold;
    }

    /** The peer for IPv4 address {@code addr}, created when new. */
    InetPeer v4(int addr, long jiffies) {
        return get(0, addr & 0xffff_ffffL, jiffies);
    }

    /** The peer for IPv6 address {@code hi:lo}, created when new. */
    InetPeer v6(long hi, long lo, long jiffies) {
        return get(hi, lo, jiffies);
    }

    int size() {
        return size;
    }

    private static int hash(long hi, long lo) {
        long h = hi * 0x9e37_79b9_7f4a_7c15L ^ lo * 0xc2b2_ae3d_27d4_eb4fL;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private InetPeer get(long hi, long lo, long jiffies) {
        int b = hash(hi, lo) & (buckets.length - 1);
        for (InetPeer p = buckets[b]; p != null; p = p.hashNext) {
            if (p.keyHi == hi && p.keyLo == lo) {
                touch(p);
                return p;
            }
        }
        InetPeer p = new InetPeer(hi, lo, jiffies);
        p.hashNext = buckets[b];
        buckets[b] = p;
        size++;
        linkFirst(p);
        if (size > threshold) {
            remove(lruTail);
        }
        if (size > buckets.length * 2) {
            rehash();
        }
        return p;
    }

    private void touch(InetPeer p) {
        if (lruHead != p) {
            unlinkLru(p);
            linkFirst(p);
        }
    }

    private void linkFirst(InetPeer p) {
        p.lruPrev = null;
        p.lruNext = lruHead;
        if (lruHead != null) {
            lruHead.lruPrev = p;
        }
        lruHead = p;
        if (lruTail == null) {
            lruTail = p;
        }
    }

    private void unlinkLru(InetPeer p) {
        if (p.lruPrev != null) {
            p.lruPrev.lruNext = p.lruNext;
        } else {
            lruHead = p.lruNext;
        }
        if (p.lruNext != null) {
            p.lruNext.lruPrev = p.lruPrev;
        } else {
            lruTail = p.lruPrev;
        }
        p.lruPrev = null;
        p.lruNext = null;
    }

    private void remove(InetPeer p) {
        unlinkLru(p);
        int b = hash(p.keyHi, p.keyLo) & (buckets.length - 1);
        InetPeer prev = null;
        for (InetPeer q = buckets[b]; q != null; prev = q, q = q.hashNext) {
            if (q == p) {
                if (prev == null) {
                    buckets[b] = q.hashNext;
                } else {
                    prev.hashNext = q.hashNext;
                }
                break;
            }
        }
        p.hashNext = null;
        size--;
    }

    private void rehash() {
        InetPeer[] old = buckets;
        buckets = new InetPeer[old.length * 2];
        for (InetPeer head : old) {
            for (InetPeer p = head; p != null; ) {
                InetPeer next = p.hashNext;
                int b = hash(p.keyHi, p.keyLo) & (buckets.length - 1);
                p.hashNext = buckets[b];
                buckets[b] = p;
                p = next;
            }
        }
    }
}
