package dev.weir.ip;

import dev.weir.sim.Timer;
import dev.weir.skb.SkbQueue;

/**
 * The fragments of one datagram being reassembled (Linux's {@code inet_frag_queue} with
 * {@code ipq} / {@code frag_queue}). Fragments sit in {@link #frags} sorted by offset; those
 * that arrived contiguously at the tail form runs, as Linux's {@code fragrun}s (see
 * {@link FragQueues#insert}).
 */
final class FragQueue {
    static final int FIRST_IN = 1;
    static final int LAST_IN = 2;
    static final int COMPLETE = 4;

    // key
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int id;
    int protocol;
    int user;
    int iifKey;

    final SkbQueue frags = new SkbQueue();
    /** Head of the run the last fragment belongs to: where an in-order fragment is appended. */
    dev.weir.skb.SkBuff lastRunHead;
    /** Length of the datagram's data as far as known ({@code q.len}). */
    int len;
    /** Data bytes received ({@code q.meat}). */
    int meat;
    int flags;
    /** Largest fragment seen, header included, and largest with DF set (IPv4). */
    int maxSize;
    int maxDfSize;
    /** OR of {@code 1 << ecn} over the fragments ({@code ipq->ecn}). */
    int ecn;
    /** Device of the latest fragment. */
    int iif;
    /** IPv4 {@code ipfrag_max_dist}: the source's fragment count at this queue's last fragment. */
    int rid;
    InetPeer peer;
    /** Memory charged for the fragments. */
    long truesize;
    long createdAt;

    Timer timer;
    FragQueue hashNext;
    FragQueue lruPrev;
    FragQueue lruNext;
    boolean live;

    void reset() {
        srcHi = srcLo = dstHi = dstLo = 0;
        id = protocol = user = iifKey = 0;
        lastRunHead = null;
        len = meat = flags = maxSize = maxDfSize = ecn = iif = rid = 0;
        peer = null;
        truesize = 0;
        createdAt = 0;
        hashNext = lruPrev = lruNext = null;
        live = false;
    }
}
