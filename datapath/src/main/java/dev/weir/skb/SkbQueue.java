package dev.weir.skb;

/**
 * A FIFO of buffers linked through the buffers themselves (Linux's sk_buff_head), so queueing
 * allocates nothing. A buffer can be on one queue at a time. Keeps the packet count and the
 * byte count ({@link SkBuff#len()} summed) that qdiscs and socket queues limit on.
 */
public final class SkbQueue {
    private SkBuff first;
    private SkBuff last;
    private int qlen;
    private long bytes;

    public int size() {
        return qlen;
    }

    public boolean isEmpty() {
        return qlen == 0;
    }

    public long bytes() {
        return bytes;
    }

    public SkBuff peekFirst() {
        return first;
    }

    public SkBuff peekLast() {
        return last;
    }

    /** The buffer after {@code skb} on this queue, or null. */
    public SkBuff next(SkBuff skb) {
        checkOwned(skb);
        return skb.next;
    }

    public void addLast(SkBuff skb) {
        link(skb);
        skb.prev = last;
        skb.next = null;
        if (last == null) {
            first = skb;
        } else {
            last.next = skb;
        }
        last = skb;
    }

    public void addFirst(SkBuff skb) {
        link(skb);
        skb.next = first;
        skb.prev = null;
        if (first == null) {
            last = skb;
        } else {
            first.prev = skb;
        }
        first = skb;
    }

    /** Inserts {@code skb} after {@code at}, which is on this queue. */
    public void insertAfter(SkBuff at, SkBuff skb) {
        checkOwned(at);
        if (at == last) {
            addLast(skb);
            return;
        }
        link(skb);
        skb.prev = at;
        skb.next = at.next;
        at.next.prev = skb;
        at.next = skb;
    }

    /** Inserts {@code skb} before {@code at}, which is on this queue. */
    public void insertBefore(SkBuff at, SkBuff skb) {
        checkOwned(at);
        if (at == first) {
            addFirst(skb);
            return;
        }
        insertAfter(at.prev, skb);
    }

    public SkBuff pollFirst() {
        SkBuff s = first;
        if (s != null) {
            unlink(s);
        }
        return s;
    }

    public SkBuff pollLast() {
        SkBuff s = last;
        if (s != null) {
            unlink(s);
        }
        return s;
    }

    /** Removes {@code skb}, which must be on this queue. */
    public void unlink(SkBuff skb) {
        checkOwned(skb);
        if (skb.prev == null) {
            first = skb.next;
        } else {
            skb.prev.next = skb.next;
        }
        if (skb.next == null) {
            last = skb.prev;
        } else {
            skb.next.prev = skb.prev;
        }
        skb.next = null;
        skb.prev = null;
        skb.list = null;
        qlen--;
        bytes -= skb.len();
    }

    /** Frees every buffer on the queue. */
    public void purge() {
        SkBuff s;
        while ((s = pollFirst()) != null) {
            s.free();
        }
    }

    /** Call when a queued buffer's length changes (trimmed in place) to keep the byte count right. */
    public void adjustBytes(long delta) {
        bytes += delta;
    }

    private void link(SkBuff skb) {
        if (skb.list != null) {
            throw new IllegalStateException("skb is already on a queue");
        }
        if (skb.isFreed()) {
            throw new IllegalStateException("queueing a freed skb");
        }
        skb.list = this;
        qlen++;
        bytes += skb.len();
    }

    private void checkOwned(SkBuff skb) {
        if (skb.list != this) {
            throw new IllegalStateException("skb is not on this queue");
        }
    }
}
