package dev.weir.pcap.print;

/**
 * The base sequence numbers tcpdump keeps per TCP conversation to print relative sequence and
 * acknowledgment numbers: an open-addressing hash table keyed by the conversation in one
 * canonical direction (addresses and ports), holding two 32-bit bases. Lookups allocate
 * nothing; the table doubles when half full and, like tcpdump's, never forgets a conversation.
 *
 * <p>Keys are five longs: source and destination as high and low halves (an IPv4 address sits
 * in the low half with the high half zero), and the ports word {@code sport << 16 | dport} with
 * bit 32 set for IPv6, so an IPv4 and an IPv6 conversation never share an entry (tcpdump keeps
 * two tables).
 */
final class TcpConversations {
    private static final int KEY_WORDS = 5;
    private static final int INITIAL_SLOTS = 64;

    private long[] keys = new long[INITIAL_SLOTS * KEY_WORDS];
    private int[] seqBase = new int[INITIAL_SLOTS];
    private int[] ackBase = new int[INITIAL_SLOTS];
    private boolean[] used = new boolean[INITIAL_SLOTS];
    private int size;

    /**
     * The slot of the conversation, or {@code -1 - slot} where it would go when absent. The
     * returned insertion point is valid only until the next {@link #put}.
     */
    int find(long srcHi, long srcLo, long dstHi, long dstLo, long ports) {
        int mask = used.length - 1;
        int i = hash(srcHi, srcLo, dstHi, dstLo, ports) & mask;
        while (used[i]) {
            int k = i * KEY_WORDS;
            if (keys[k] == srcHi && keys[k + 1] == srcLo && keys[k + 2] == dstHi && keys[k + 3] == dstLo
                    && keys[k + 4] == ports) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    /** Records (or replaces) the bases of a conversation; returns its slot. */
    int put(long srcHi, long srcLo, long dstHi, long dstLo, long ports, int seq, int ack) {
        int slot = find(srcHi, srcLo, dstHi, dstLo, ports);
        if (slot < 0) {
            if (2 * (size + 1) > used.length) {
                grow();
                slot = find(srcHi, srcLo, dstHi, dstLo, ports);
            }
            slot = -1 - slot;
            int k = slot * KEY_WORDS;
            keys[k] = srcHi;
            keys[k + 1] = srcLo;
            keys[k + 2] = dstHi;
            keys[k + 3] = dstLo;
            keys[k + 4] = ports;
            used[slot] = true;
            size++;
        }
        seqBase[slot] = seq;
        ackBase[slot] = ack;
        return slot;
    }

    int seqBase(int slot) {
        return seqBase[slot];
    }

    int ackBase(int slot) {
        return ackBase[slot];
    }

    /** How many conversations are known. */
    int size() {
        return size;
    }

    void clear() {
        keys = new long[INITIAL_SLOTS * KEY_WORDS];
        seqBase = new int[INITIAL_SLOTS];
        ackBase = new int[INITIAL_SLOTS];
        used = new boolean[INITIAL_SLOTS];
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSeq = seqBase;
        int[] oldAck = ackBase;
        boolean[] oldUsed = used;
        int n = oldUsed.length * 2;
        keys = new long[n * KEY_WORDS];
        seqBase = new int[n];
        ackBase = new int[n];
        used = new boolean[n];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int k = i * KEY_WORDS;
                put(oldKeys[k], oldKeys[k + 1], oldKeys[k + 2], oldKeys[k + 3], oldKeys[k + 4], oldSeq[i], oldAck[i]);
            }
        }
    }

    private static int hash(long a, long b, long c, long d, long e) {
        long h = a * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ b) * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ c) * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ d) * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ e) * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h ^ (h >>> 32));
    }
}
