package dev.weir.nic;

import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbData;
import dev.weir.skb.SkbQueue;

/**
 * A transmit descriptor ring of {@code size} descriptors. A packet takes one descriptor for its
 * linear part and one per page fragment. Entries are filled at {@code tail} by the driver
 * ({@code ndo_start_xmit}), sent by the NIC from {@code hw} one frame at a time (a TSO entry as
 * several), and cleaned from {@code head} by the driver's poll once sent.
 *
 * <p>Queue flow control follows the usual driver rule (ixgbe's): stop the queue when fewer than
 * {@link #STOP_THRESHOLD} descriptors are free after posting, so a maximal packet always fits;
 * wake it when cleaning has freed {@link #WAKE_THRESHOLD}.
 */
final class TxRing {
    /** Descriptors a maximal packet may need: MAX_SKB_FRAGS + linear part + a context descriptor + slack. */
    static final int STOP_THRESHOLD = SkbData.MAX_FRAGS + 4;
    /** Free descriptors before a stopped queue is woken (twice the stop threshold). */
    static final int WAKE_THRESHOLD = 2 * STOP_THRESHOLD;

    final int size;
    final SkBuff[] skb;
    final int[] descs;
    /** Oldest entry not cleaned; next entry to send; next free entry. Entry indexes, mod size. */
    int head;
    int hw;
    int tail;
    int entries;
    /** Entries sent and not yet cleaned. */
    int done;
    int descUsed;
    /** Segments of the TSO entry at {@code hw} not yet sent. */
    final SkbQueue segs = new SkbQueue();
    boolean segmenting;

    TxRing(int size) {
        this.size = size;
        skb = new SkBuff[size];
        descs = new int[size];
    }

    int freeDescs() {
        return size - descUsed;
    }

    /** Entries posted and not yet sent. */
    int unsent() {
        return entries - done;
    }

    void post(SkBuff s, int n) {
        skb[tail] = s;
        descs[tail] = n;
        tail = (tail + 1) % size;
        entries++;
        descUsed += n;
    }
}
