package dev.weir.ip;

import dev.weir.core.Counters;
import dev.weir.core.DropReason;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.core.Sysctls;
import dev.weir.skb.SkBuff;

/**
 * What IPv4 and IPv6 reassembly share (Linux's {@code inet_fragment.c}): the table of queues,
 * their timers, the memory they hold, and the placing of a fragment among those already queued.
 *
 * <p><b>Memory.</b> Each queue is charged {@link #QUEUE_SIZE} and each fragment its truesize.
 * When a fragment arrives while the total exceeds the high threshold ({@code ipfrag_high_thresh},
 * 4 MiB), the least recently used queues are destroyed until it is under the low threshold
 * ({@code ipfrag_low_thresh}, 3 MiB), their fragments dropped as {@code FRAG_TOO_FAR} and each
 * counted as a reassembly failure (Linux's evictor until 4.17; later kernels refuse new
 * fragments instead). A high threshold of 0 refuses every fragment.
 *
 * <p><b>Timers.</b> A queue lives {@code ipfrag_time} from its first fragment; then
 * {@link #expire} runs. Queue objects and their timers are pooled, so steady reassembly does not
 * allocate queues.
 */
abstract class FragQueues {
    /** Memory charged for a queue itself (Linux's {@code qsize}). */
    static final int QUEUE_SIZE = 256;

    /** {@link #insert} results, as Linux's {@code IPFRAG_OK / IPFRAG_DUP / IPFRAG_OVERLAP}. */
    static final int OK = 0;
    static final int DUP = 1;
    static final int OVERLAP = 2;

    /**
     * RFC 3168 section 5.3 for fragments, Linux's {@code ip_frag_ecn_table}: indexed by the OR of
     * {@code 1 << ecn} over the fragments; the value is ORed into the reassembled header, or
     * 0xff for mixes that must be dropped (Not-ECT with anything ECN-capable).
     */
    static final int[] ECN_TABLE = new int[16];

    static {
        int notEct = 1;
        int ect1 = 2;
        int ect0 = 4;
        int ce = 8;
        ECN_TABLE[ce | ect0] = 3;
        ECN_TABLE[ce | ect1] = 3;
        ECN_TABLE[ce | ect0 | ect1] = 3;
        for (int other : new int[] {ce, ect0, ect1, ect0 | ect1, ce | ect0, ce | ect1, ce | ect0 | ect1}) {
            ECN_TABLE[notEct | other] = 0xff;
        }
    }

    final NetNs net;
    final Counters counters;
    final FragIcmp icmp;
    private final Mib reasmFails;
    private final Mib reasmTimeout;
    private final Sysctls.Value highThresh;
    private final Sysctls.Value lowThresh;
    private final Sysctls.Value timeSeconds;
    private final String timerName;

    private FragQueue[] buckets = new FragQueue[64];
    private int count;
    /** Least recently used first: the eviction order. */
    private FragQueue lruHead;
    private FragQueue lruTail;
    private FragQueue[] spare = new FragQueue[16];
    private int spareCount;
    private long mem;

    /** Scratch for building a datagram: the largest IPv4 or IPv6 packet. */
    final byte[] scratch = new byte[65_535 + 64];

    FragQueues(NetNs net, FragIcmp icmp, Mib reasmFails, Mib reasmTimeout, Sysctls.Value highThresh, Sysctls.Value lowThresh,
            Sysctls.Value timeSeconds, String timerName) {
        this.net = net;
        this.counters = net.counters();
        this.icmp = icmp;
        this.reasmFails = reasmFails;
        this.reasmTimeout = reasmTimeout;
        this.highThresh = highThresh;
        this.lowThresh = lowThresh;
        this.timeSeconds = timeSeconds;
        this.timerName = timerName;
    }

    /** Bytes held by queues and their fragments now. */
    public long memory() {
        return mem;
    }

    /** Datagrams being reassembled now. */
    public int queueCount() {
        return count;
    }

    /**
     * A queue's time is up ({@code ip_expire} / {@code ip6frag_expire_frag_queue}), the queue
     * already out of the table: counted as a timeout and a failure; if its first fragment came,
     * ICMP is asked for a reassembly time exceeded quoting it; the fragments are dropped.
     */
    void expire(FragQueue q) {
        counters.inc(reasmFails);
        counters.inc(reasmTimeout);
        if ((q.flags & FragQueue.FIRST_IN) != 0) {
            SkBuff head = q.frags.peekFirst();
            if (head != null && IpCb.fragOffset(head) == 0) {
                head.push(head.data() - head.networkHeader());
                icmp.reassemblyTimedOut(head, q.iif);
            }
        }
        destroy(q, DropReason.FRAG_REASM_TIMEOUT);
    }

    /** Destroys the queue because of {@code skb} and drops it too, as a reassembly failure; returns null. */
    SkBuff discard(FragQueue q, SkBuff skb, DropReason reason) {
        kill(q, reason);
        counters.inc(reasmFails);
        net.drop(skb, reason);
        return null;
    }

    /** A failure that ends the whole datagram at reassembly time (too large, a bad ECN mix). */
    void failReassembly(FragQueue q, DropReason reason) {
        counters.inc(reasmFails);
        destroy(q, reason);
    }

    /** Counts one reassembly failure (a refused fragment, a queue reset). */
    void countFailure() {
        counters.inc(reasmFails);
    }

    // ---- the table ----

    private static int hash(long srcHi, long srcLo, long dstHi, long dstLo, int id, int protocol, int user, int iif) {
        long h = srcHi * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ srcLo) * 0xc2b2_ae3d_27d4_eb4fL;
        h = (h ^ dstHi) * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ dstLo) * 0xc2b2_ae3d_27d4_eb4fL;
        h = (h ^ (((long) id << 32) | (protocol << 24) ^ (user << 16) ^ iif)) * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h ^ (h >>> 31));
    }

    /**
     * The queue for the key, created when there is none ({@code inet_frag_find}); first evicts
     * when memory is over the high threshold. Null when memory stays too high for a new queue.
     */
    FragQueue find(long srcHi, long srcLo, long dstHi, long dstLo, int id, int protocol, int user, int iif) {
        long high = highThresh.get();
        if (mem > high) {
            evict();
        }
        int b = hash(srcHi, srcLo, dstHi, dstLo, id, protocol, user, iif) & (buckets.length - 1);
        for (FragQueue q = buckets[b]; q != null; q = q.hashNext) {
            if (q.id == id && q.srcLo == srcLo && q.dstLo == dstLo && q.srcHi == srcHi && q.dstHi == dstHi
                    && q.protocol == protocol && q.user == user && q.iifKey == iif) {
                return q;
            }
        }
        if (high == 0 || mem > high) {
            return null;
        }
        FragQueue q = spareCount > 0 ? spare[--spareCount] : newQueue();
        q.srcHi = srcHi;
        q.srcLo = srcLo;
        q.dstHi = dstHi;
        q.dstLo = dstLo;
        q.id = id;
        q.protocol = protocol;
        q.user = user;
        q.iifKey = iif;
        q.live = true;
        q.createdAt = net.now();
        q.hashNext = buckets[b];
        buckets[b] = q;
        count++;
        mem += QUEUE_SIZE;
        lruAddLast(q);
        q.timer.scheduleIn(timeSeconds.get() * 1_000_000_000L);
        if (count > buckets.length * 2) {
            rehash();
        }
        return q;
    }

    private FragQueue newQueue() {
        FragQueue q = new FragQueue();
        q.timer = net.scheduler().newTimer(timerName, () -> {
            if (q.live && (q.flags & FragQueue.COMPLETE) == 0) {
                unlink(q);
                expire(q);
            }
        });
        return q;
    }

    /** Marks a fragment's arrival: the queue becomes the most recently used. */
    void touch(FragQueue q) {
        if (lruTail != q) {
            lruRemove(q);
            lruAddLast(q);
        }
    }

    /** Charges a queued fragment's memory. */
    void charge(FragQueue q, SkBuff skb) {
        int t = Skbs.truesize(skb);
        q.truesize += t;
        mem += t;
    }

    /** Takes the queue out of the table and stops its timer ({@code inet_frag_kill}); its fragments stay. */
    void unlink(FragQueue q) {
        if (!q.live) {
            return;
        }
        q.live = false;
        q.timer.cancel();
        int b = hash(q.srcHi, q.srcLo, q.dstHi, q.dstLo, q.id, q.protocol, q.user, q.iifKey) & (buckets.length - 1);
        FragQueue prev = null;
        for (FragQueue x = buckets[b]; x != null; prev = x, x = x.hashNext) {
            if (x == q) {
                if (prev == null) {
                    buckets[b] = x.hashNext;
                } else {
                    prev.hashNext = x.hashNext;
                }
                break;
            }
        }
        count--;
        lruRemove(q);
    }

    /**
     * Drops every fragment still queued under {@code reason}, returns the memory, and pools the
     * queue ({@code inet_frag_destroy}). The queue must be unlinked.
     */
    void destroy(FragQueue q, DropReason reason) {
        SkBuff s;
        while ((s = q.frags.pollFirst()) != null) {
            net.drop(s, reason);
        }
        release(q);
    }

    /** Returns the memory and pools the queue; its fragments must be gone. */
    void release(FragQueue q) {
        mem -= q.truesize + QUEUE_SIZE;
        q.reset();
        if (spareCount == spare.length) {
            FragQueue[] grown = new FragQueue[spare.length * 2];
            System.arraycopy(spare, 0, grown, 0, spareCount);
            spare = grown;
        }
        spare[spareCount++] = q;
    }

    /** Unlink and destroy. */
    void kill(FragQueue q, DropReason reason) {
        unlink(q);
        destroy(q, reason);
    }

    /** Empties a live queue and restarts it, as Linux's {@code ip_frag_reinit}; false when its timer had run out. */
    boolean reinit(FragQueue q, DropReason reason) {
        SkBuff s;
        while ((s = q.frags.pollFirst()) != null) {
            net.drop(s, reason);
        }
        mem -= q.truesize;
        q.truesize = 0;
        q.flags = 0;
        q.len = 0;
        q.meat = 0;
        q.maxSize = 0;
        q.maxDfSize = 0;
        q.ecn = 0;
        q.lastRunHead = null;
        if (!q.timer.isPending()) {
            return false;
        }
        q.timer.scheduleIn(timeSeconds.get() * 1_000_000_000L);
        return true;
    }

    private void evict() {
        long low = lowThresh.get();
        int evicted = 0;
        while (mem > low && lruHead != null) {
            kill(lruHead, DropReason.FRAG_TOO_FAR);
            evicted++;
        }
        if (evicted > 0) {
            counters.add(reasmFails, evicted);
        }
    }

    private void lruAddLast(FragQueue q) {
        q.lruNext = null;
        q.lruPrev = lruTail;
        if (lruTail != null) {
            lruTail.lruNext = q;
        } else {
            lruHead = q;
        }
        lruTail = q;
    }

    private void lruRemove(FragQueue q) {
        if (q.lruPrev != null) {
            q.lruPrev.lruNext = q.lruNext;
        } else if (lruHead == q) {
            lruHead = q.lruNext;
        }
        if (q.lruNext != null) {
            q.lruNext.lruPrev = q.lruPrev;
        } else if (lruTail == q) {
            lruTail = q.lruPrev;
        }
        q.lruPrev = null;
        q.lruNext = null;
    }

    private void rehash() {
        FragQueue[] old = buckets;
        buckets = new FragQueue[old.length * 2];
        for (FragQueue head : old) {
            for (FragQueue q = head; q != null; ) {
                FragQueue next = q.hashNext;
                int b = hash(q.srcHi, q.srcLo, q.dstHi, q.dstLo, q.id, q.protocol, q.user, q.iifKey) & (buckets.length - 1);
                q.hashNext = buckets[b];
                buckets[b] = q;
                q = next;
            }
        }
    }

    // ---- placing a fragment ----

    /** Counts a datagram destroyed for overlapping fragments. */
    abstract void overlapped();

    /**
     * The length rules of {@code ip_frag_queue} / {@code ip6_frag_queue} for a fragment holding
     * {@code [offset, end)}: the last fragment fixes the length, which no other may contradict,
     * and no fragment may be empty. False when the fragment contradicts the queue: both are
     * dropped (IP_INHDR) as a reassembly failure.
     */
    boolean checkEnd(FragQueue q, SkBuff skb, int offset, int end, boolean last) {
        if (last) {
            if (end < q.len || (q.flags & FragQueue.LAST_IN) != 0 && end != q.len) {
                discard(q, skb, DropReason.IP_INHDR);
                return false;
            }
            q.flags |= FragQueue.LAST_IN;
            q.len = end;
        } else if (end > q.len) {
            if ((q.flags & FragQueue.LAST_IN) != 0) {
                discard(q, skb, DropReason.IP_INHDR);
                return false;
            }
            q.len = end;
        }
        if (end == offset) {
            discard(q, skb, DropReason.IP_INHDR);
            return false;
        }
        return true;
    }

    /**
     * Queues {@code skb} (data trimmed to the fragment's data) and books it: arrival device,
     * bytes, ECN, memory, largest size ({@code fragsize}, headers included), first fragment.
     * False when it was a duplicate (dropped, DUP_FRAG) or overlapped (the datagram destroyed).
     */
    boolean add(FragQueue q, SkBuff skb, int offset, int end, int ecn, int fragsize) {
        int r = insert(q, skb, offset, end);
        if (r == DUP) {
            net.drop(skb, DropReason.DUP_FRAG);
            return false;
        }
        if (r == OVERLAP) {
            overlapped();
            discard(q, skb, DropReason.DUP_FRAG);
            return false;
        }
        q.iif = IpCb.iif(skb);
        q.meat += skb.len();
        q.ecn |= 1 << (ecn & 3);
        charge(q, skb);
        q.maxSize = Math.max(q.maxSize, fragsize);
        if (offset == 0) {
            q.flags |= FragQueue.FIRST_IN;
        }
        touch(q);
        return true;
    }

    /** Every byte between the first and the last fragment is in. */
    static boolean complete(FragQueue q) {
        return q.flags == (FragQueue.FIRST_IN | FragQueue.LAST_IN) && q.meat == q.len;
    }

    /**
     * Puts {@code skb}, holding bytes {@code [offset, end)} of the datagram's data, among the
     * queued fragments ({@code inet_frag_queue_insert}):
     * <ul>
     *   <li>past the end of the last fragment: appended, extending the last run when it starts
     *       exactly where that run ends, else starting a run; OVERLAP if it starts before that end;
     *   <li>otherwise inside or before the runs: DUP when it lies wholly inside one run (a
     *       duplicate, dropped while the queue lives on: RFC 5722 as amended by erratum 3089),
     *       a new run when it falls in a gap, else OVERLAP.
     * </ul>
     * On OVERLAP the caller destroys the whole queue (RFC 5722 section 4 for IPv6; Linux does the
     * same for IPv4).
     */
    static int insert(FragQueue q, SkBuff skb, int offset, int end) {
        SkBuff last = q.frags.peekLast();
        if (last == null) {
            IpCb.setRun(skb, true, end);
            q.frags.addLast(skb);
            q.lastRunHead = skb;
        } else {
            int lastEnd = IpCb.fragOffset(last) + last.len();
            if (lastEnd < end) {
                if (offset < lastEnd) {
                    return OVERLAP;
                }
                if (offset == lastEnd) {
                    IpCb.setRun(q.lastRunHead, true, end);
                    IpCb.setRun(skb, false, 0);
                } else {
                    IpCb.setRun(skb, true, end);
                    q.lastRunHead = skb;
                }
                q.frags.addLast(skb);
            } else {
                SkBuff r = q.frags.peekFirst();
                while (true) {
                    int rs = IpCb.fragOffset(r);
                    int re = IpCb.runEnd(r);
                    if (end <= rs) {
                        IpCb.setRun(skb, true, end);
                        q.frags.insertBefore(r, skb);
                        break;
                    }
                    if (offset < re) {
                        return offset >= rs && end <= re ? DUP : OVERLAP;
                    }
                    do {
                        r = q.frags.next(r);
                    } while (!IpCb.isRunHead(r));
                }
            }
        }
        IpCb.setFragOffset(skb, offset);
        return OK;
    }

    /**
     * Copies the queued fragments' data, in order, into {@link #scratch} from {@code at}, then
     * frees every fragment but {@code keep} (unlinked from the queue); returns the bytes copied.
     */
    int gather(FragQueue q, int at, SkBuff keep) {
        int n = 0;
        SkBuff f;
        while ((f = q.frags.pollFirst()) != null) {
            int len = f.len();
            f.copyBits(0, scratch, at + IpCb.fragOffset(f), len);
            n += len;
            if (f != keep) {
                f.consume();
            }
        }
        return n;
    }
}
