package dev.weir.maps;

import java.util.Arrays;

/**
 * A multibit trie with leaf pushing, over addresses of up to 128 bits held left-aligned in two
 * longs ({@code hi} = the first 8 bytes, big-endian). It maps an address to the id of the
 * longest stored prefix that covers it; prefixes and their values are kept by the caller (the
 * LPM map's exact-match table), the trie holds only ids.
 *
 * <p><b>Layout.</b> The first level indexes the first {@code s0} bits (16 for large tables, so
 * an IPv4 lookup of a /24 route reads two entries; 8 for small ones), each further level the
 * next 8 bits. Levels are chunks of {@code int} entries in one array: the root's {@code 2^s0}
 * entries, then 256-entry chunks. An entry is 0 (no covering prefix), {@code id + 1} (the
 * longest prefix covering every address of the entry), or {@code -chunk} (more specific
 * prefixes exist below; the child chunk's entries carry the covering prefix down). A lookup is
 * therefore one array read per level, with no backtracking and no objects: about two reads for
 * an IPv4 Internet table. {@code plen} keeps each entry's prefix length + 1 for updates.
 *
 * <p><b>Updates.</b> A prefix of length {@code L} lives in the chunk of the level whose bit range
 * ends at or after {@code L}, and fills the {@code 2^(end - L)} entries it covers, except those
 * already holding a longer prefix; where an entry points to a child, the fill continues in the
 * child (the child's covering prefix). Deleting a prefix refills its entries with the next
 * shorter covering prefix, which the caller supplies. A chunk that no longer holds prefixes or
 * children is freed and its parent entry becomes a leaf again; freed chunks are reused, and the
 * chunk arrays grow (by half) only when a new chunk finds none free.
 */
final class LpmTrie {
    private static final int CHUNK = 256;

    /** Address width in bits (8 x address bytes). */
    final int width;
    /** Bits indexed by the root. */
    final int s0;
    private final int rootSize;

    private int[] pool;
    private byte[] plen;
    // per chunk (index 0 = root)
    private int[] own;
    private int[] children;
    private int[] parentEntry;
    private int[] inherit;
    private byte[] inheritLen;
    private int chunks = 1;
    private int freeChunk = -1;
    private int liveChunks = 1;

    LpmTrie(int widthBits, boolean large) {
        this.width = widthBits;
        this.s0 = widthBits >= 16 && large ? 16 : 8;
        this.rootSize = 1 << s0;
        int initialChunks = 16;
        this.pool = new int[rootSize + CHUNK * (initialChunks - 1)];
        this.plen = new byte[pool.length];
        this.own = new int[initialChunks];
        this.children = new int[initialChunks];
        this.parentEntry = new int[initialChunks];
        this.inherit = new int[initialChunks];
        this.inheritLen = new byte[initialChunks];
    }

    /** Chunks in use (root included), for memory figures and tests. */
    int liveChunks() {
        return liveChunks;
    }

    long memoryBytes() {
        return 5L * pool.length + 17L * own.length;
    }

    private int base(int chunk) {
        return chunk == 0 ? 0 : rootSize + (chunk - 1) * CHUNK;
    }

    private int chunkOf(int entry) {
        return entry < rootSize ? 0 : (entry - rootSize) / CHUNK + 1;
    }

    /** {@code n} bits of the address starting at bit {@code start} (from the most significant); levels never straddle the halves. */
    private static int bits(long hi, long lo, int start, int n) {
        if (start < 64) {
            return (int) (hi >>> (64 - start - n)) & ((1 << n) - 1);
        }
        return (int) (lo >>> (128 - start - n)) & ((1 << n) - 1);
    }

    /** Level holding prefixes of length {@code len}: 0 for len &lt;= s0, else one per further 8 bits. */
    private int levelOf(int len) {
        return len <= s0 ? 0 : (len - s0 + 7) >>> 3;
    }

    // ---- lookups ----

    /** The id of the longest prefix covering the IPv4-width address {@code addr} (width 32), or -1. */
    int lookup32(int addr) {
        int[] p = pool;
        int shift = 32 - s0;
        int v = p[addr >>> shift];
        while (v < 0) {
            shift -= 8;
            v = p[rootSize + ((-v - 1) << 8) + ((addr >>> shift) & 0xff)];
        }
        return v - 1;
    }

    /** The pool index of the entry deciding {@code hi:lo}. */
    private int entryFor(long hi, long lo) {
        int[] p = pool;
        int idx = (int) (hi >>> (64 - s0));
        int start = s0;
        int v = p[idx];
        while (v < 0) {
            int b = start < 64 ? (int) (hi >>> (56 - start)) & 0xff : (int) (lo >>> (120 - start)) & 0xff;
            idx = rootSize + ((-v - 1) << 8) + b;
            v = p[idx];
            start += 8;
        }
        return idx;
    }

    /** The id of the longest prefix covering {@code hi:lo}, or -1. */
    int lookup(long hi, long lo) {
        return pool[entryFor(hi, lo)] - 1;
    }

    /** The length of the longest prefix covering {@code hi:lo}, or -1. */
    int matchLength(long hi, long lo) {
        int idx = entryFor(hi, lo);
        return pool[idx] == 0 ? -1 : (plen[idx] & 0xff) - 1;
    }

    // ---- updates ----

    /** Adds prefix {@code hi:lo/len} (bits past len zero) with id {@code id}, which must be new. */
    void insert(int id, int len, long hi, long lo) {
        int level = levelOf(len);
        int chunk = 0;
        int start = 0;
        int n = s0;
        for (int k = 0; k < level; k++) {
            int idx = base(chunk) + bits(hi, lo, start, n);
            int v = pool[idx];
            int child;
            if (v < 0) {
                child = -v;
            } else {
                child = newChunk(idx, v, plen[idx]);
                pool[idx] = -child;
                children[chunk]++;
            }
            chunk = child;
            start += n;
            n = 8;
        }
        own[chunk]++;
        int span = start + n - len;
        int first = base(chunk) + (bits(hi, lo, start, n) & ~((1 << span) - 1));
        for (int i = 0; i < (1 << span); i++) {
            fill(first + i, id + 1, (byte) (len + 1));
        }
    }

    private void fill(int idx, int v, byte lp) {
        int cur = pool[idx];
        if (cur < 0) {
            int c = -cur;
            if ((inheritLen[c] & 0xff) <= (lp & 0xff)) {
                inherit[c] = v;
                inheritLen[c] = lp;
            }
            int b = base(c);
            for (int j = 0; j < CHUNK; j++) {
                fill(b + j, v, lp);
            }
        } else if ((plen[idx] & 0xff) <= (lp & 0xff)) {
            pool[idx] = v;
            plen[idx] = lp;
        }
    }

    /**
     * Removes prefix {@code hi:lo/len} with id {@code id}; its addresses fall to {@code repId}
     * of length {@code repLen} (the longest shorter prefix covering it), or to nothing with
     * {@code repId = -1}.
     */
    void delete(int id, int len, long hi, long lo, int repId, int repLen) {
        int level = levelOf(len);
        int chunk = 0;
        int start = 0;
        int n = s0;
        for (int k = 0; k < level; k++) {
            chunk = -pool[base(chunk) + bits(hi, lo, start, n)];
            start += n;
            n = 8;
        }
        int span = start + n - len;
        int first = base(chunk) + (bits(hi, lo, start, n) & ~((1 << span) - 1));
        int rv = repId + 1;
        byte rl = (byte) (repId < 0 ? 0 : repLen + 1);
        for (int i = 0; i < (1 << span); i++) {
            unfill(first + i, id + 1, rv, rl);
        }
        own[chunk]--;
        while (chunk != 0 && own[chunk] == 0 && children[chunk] == 0) {
            int p = parentEntry[chunk];
            pool[p] = inherit[chunk];
            plen[p] = inheritLen[chunk];
            int parent = chunkOf(p);
            children[parent]--;
            releaseChunk(chunk);
            chunk = parent;
        }
    }

    private void unfill(int idx, int old, int rv, byte rl) {
        int cur = pool[idx];
        if (cur < 0) {
            int c = -cur;
            if (inherit[c] == old) {
                inherit[c] = rv;
                inheritLen[c] = rl;
            }
            int b = base(c);
            for (int j = 0; j < CHUNK; j++) {
                unfill(b + j, old, rv, rl);
            }
        } else if (cur == old) {
            pool[idx] = rv;
            plen[idx] = rl;
        }
    }

    private int newChunk(int parentIdx, int v, byte lp) {
        int c;
        if (freeChunk > 0) {
            c = freeChunk;
            freeChunk = parentEntry[c];
        } else {
            c = chunks++;
            if (c >= own.length) {
                grow();
            }
        }
        liveChunks++;
        int b = base(c);
        Arrays.fill(pool, b, b + CHUNK, v);
        Arrays.fill(plen, b, b + CHUNK, lp);
        own[c] = 0;
        children[c] = 0;
        parentEntry[c] = parentIdx;
        inherit[c] = v;
        inheritLen[c] = lp;
        return c;
    }

    private void releaseChunk(int c) {
        // A free chunk's parentEntry links the free list.
        parentEntry[c] = freeChunk;
        freeChunk = c;
        liveChunks--;
    }

    private void grow() {
        int n = own.length + (own.length >> 1);
        pool = Arrays.copyOf(pool, rootSize + CHUNK * (n - 1));
        plen = Arrays.copyOf(plen, pool.length);
        own = Arrays.copyOf(own, n);
        children = Arrays.copyOf(children, n);
        parentEntry = Arrays.copyOf(parentEntry, n);
        inherit = Arrays.copyOf(inherit, n);
        inheritLen = Arrays.copyOf(inheritLen, n);
    }

    /** Empties the trie (chunk storage is kept). */
    void clear() {
        Arrays.fill(pool, 0);
        Arrays.fill(plen, (byte) 0);
        chunks = 1;
        freeChunk = -1;
        liveChunks = 1;
        own[0] = 0;
        children[0] = 0;
    }
}
