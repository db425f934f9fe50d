package dev.weir.maps;

import dev.weir.api.maps.MapError;
import java.util.Arrays;

/**
 * The key side of the hash maps: a fixed pool of {@code maxEntries} entries, each holding a key
 * (as {@link Words}), found through an open-addressing index; the maps keep their values in
 * arrays indexed by the same entry number.
 *
 * <p><b>Layout.</b> {@code keys[e*kw ..]} holds entry {@code e}'s key. {@code table} has a power
 * of two of slots, at least twice the capacity (load at most one half), each 0 or
 * {@code hash32 << 32 | (entry + 1)}: the low 32 bits of the key's hash let a probe skip most
 * non-matching entries without touching their keys, and give the home slot when deletion
 * shifts entries back (linear probing with backward-shift deletion: no tombstones, so a long
 * run of inserts and deletes never degrades lookups).
 *
 * <p><b>Stable entries.</b> An entry never moves while its key is present; deleting one puts
 * it on a free list (last freed, first reused). Iteration walks entries in index order, so a
 * dump that deletes the key it just read still visits every other key once, and the same
 * history of operations gives the same order.
 *
 * <p><b>LRU.</b> With {@code lru}, live entries also sit on a recency list (newest at the head).
 * A use sets the entry's referenced bit; an insert into a full pool evicts from the tail, moving
 * referenced entries to the head with the bit cleared (a second chance) for at most
 * {@link #LRU_SCAN} entries, then evicting whatever is at the tail: the approximation of
 * Linux's LRU lists, with a bounded cost per insert.
 *
 * <p>Nothing here allocates after construction.
 */
final class HashCore {
    /** Most referenced entries an eviction passes over before it evicts regardless. */
    static final int LRU_SCAN = 64;

    private static final long SEED = 0x5bd1e9955bd1e995L;
    private static final byte LIVE = 1;
    private static final byte REF = 2;

    final int keySize;
    final int kw;
    final int maxEntries;
    final long[] keys;
    private final long[] table;
    private final int mask;
    private final int[] freeNext;
    private final byte[] state;
    private int freeHead;
    private int count;
    /** The words of the key being looked up (keys longer than one word). */
    private final long[] probe;
    /** Entries evicted since creation (LRU). */
    long evictions;

    final boolean lru;
    private final int[] prev;
    private final int[] next;
    private int head = -1;
    private int tail = -1;

    HashCore(int keySize, int maxEntries, boolean lru) {
        this.keySize = keySize;
        this.kw = Words.count(keySize);
        this.maxEntries = maxEntries;
        long slots = Long.highestOneBit(Math.max(8L, 2L * maxEntries - 1)) << 1;
        if (slots > (1 << 30) || (long) maxEntries * kw > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a hash map of " + maxEntries + " entries with " + keySize
                    + "-byte keys is larger than Weir supports (at most 2^29 entries and 16 GiB of keys)");
        }
        this.keys = new long[maxEntries * kw];
        this.table = new long[(int) slots];
        this.mask = (int) slots - 1;
        this.freeNext = new int[maxEntries];
        this.state = new byte[maxEntries];
        this.probe = new long[kw];
        for (int i = 0; i < maxEntries; i++) {
            freeNext[i] = i + 1 < maxEntries ? i + 1 : -1;
        }
        this.lru = lru;
        this.prev = lru ? new int[maxEntries] : null;
        this.next = lru ? new int[maxEntries] : null;
    }

    int count() {
        return count;
    }

    /** Bytes of memory held, for {@code map show}'s memlock. */
    long memoryBytes() {
        return 8L * keys.length + 8L * table.length + 5L * maxEntries + (lru ? 8L * maxEntries : 0);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    // ---- one-word keys (keySize <= 8) ----

    /** The entry holding the one-word key {@code w}, or -1. */
    int findLong(long w) {
        long h = mix(SEED ^ w);
        int tag = (int) h;
        long[] t = table;
        int m = mask;
        int i = tag & m;
        for (;;) {
            long s = t[i];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == tag) {
                int e = (int) s - 1;
                if (keys[e] == w) {
                    return e;
                }
            }
            i = (i + 1) & m;
        }
    }

    /** Adds the absent one-word key {@code w}: its entry, or -1 when full (LRU: evicts instead). */
    int insertLong(long w) {
        int e = allocate();
        if (e < 0) {
            return -1;
        }
        keys[e] = w;
        place(mix(SEED ^ w), e);
        return e;
    }

    // ---- keys of any size ----

    /** The entry holding the key at {@code key[off..off+keySize)}, or -1. */
    int find(byte[] key, int off) {
        if (kw == 1) {
            return findLong(Words.read(key, off, keySize, 0));
        }
        long[] p = probe;
        long h = SEED;
        for (int j = 0; j < kw; j++) {
            p[j] = Words.read(key, off, keySize, j);
            h = mix(h ^ p[j]);
        }
        int tag = (int) h;
        int i = tag & mask;
        for (;;) {
            long s = table[i];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == tag) {
                int e = (int) s - 1;
                if (sameKey(e, p)) {
                    return e;
                }
            }
            i = (i + 1) & mask;
        }
    }

    private boolean sameKey(int e, long[] p) {
        int base = e * kw;
        for (int j = 0; j < kw; j++) {
            if (keys[base + j] != p[j]) {
                return false;
            }
        }
        return true;
    }

    /** Adds the absent key at {@code key[off..)}: its entry, or -1 when full (LRU: evicts instead). */
    int insert(byte[] key, int off) {
        if (kw == 1) {
            return insertLong(Words.read(key, off, keySize, 0));
        }
        int e = allocate();
        if (e < 0) {
            return -1;
        }
        Words.pack(key, off, keySize, keys, e * kw);
        place(hashOf(e), e);
        return e;
    }

    private long hashOf(int e) {
        if (kw == 1) {
            return mix(SEED ^ keys[e]);
        }
        long h = SEED;
        int base = e * kw;
        for (int j = 0; j < kw; j++) {
            h = mix(h ^ keys[base + j]);
        }
        return h;
    }

    private void place(long h, int e) {
        int i = (int) h & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = ((long) (int) h << 32) | (e + 1L);
    }

    private int allocate() {
        if (freeHead < 0) {
            if (!lru) {
                return -1;
            }
            evict();
        }
        int e = freeHead;
        freeHead = freeNext[e];
        state[e] = LIVE;
        count++;
        if (lru) {
            linkHead(e);
        }
        return e;
    }

    /** Removes entry {@code e} (which must be live): its slot is emptied and the run behind it shifted back. */
    void remove(int e) {
        int m = mask;
        int i = (int) hashOf(e) & m;
        while ((int) table[i] != e + 1) {
            i = (i + 1) & m;
        }
        table[i] = 0;
        int j = i;
        for (;;) {
            j = (j + 1) & m;
            long s = table[j];
            if (s == 0) {
                break;
            }
            int home = (int) (s >>> 32) & m;
            // The entry at j may fill the hole at i unless its home lies cyclically in (i, j].
            if (((j - home) & m) >= ((j - i) & m)) {
                table[i] = s;
                table[j] = 0;
                i = j;
            }
        }
        if (lru) {
            unlink(e);
        }
        state[e] = 0;
        freeNext[e] = freeHead;
        freeHead = e;
        count--;
    }

    /** Empties the map. */
    void clear() {
        Arrays.fill(table, 0);
        Arrays.fill(state, (byte) 0);
        for (int i = 0; i < maxEntries; i++) {
            freeNext[i] = i + 1 < maxEntries ? i + 1 : -1;
        }
        freeHead = 0;
        count = 0;
        head = -1;
        tail = -1;
    }

    /** The first live entry after {@code e} in index order ({@code e = -1}: the first), or -1. */
    int next(int e) {
        for (int i = e + 1; i < maxEntries; i++) {
            if (state[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Copies the key of the first live entry after {@code e} to {@code dst}: OK, or ENOENT when there is none. */
    int copyNextKey(int e, byte[] dst, int off) {
        int n = next(e);
        if (n < 0) {
            return MapError.ENOENT;
        }
        keyBytes(n, dst, off);
        return MapError.OK;
    }

    /** Copies entry {@code e}'s key to {@code dst} at {@code off}. */
    void keyBytes(int e, byte[] dst, int off) {
        Words.unpack(keys, e * kw, dst, off, keySize);
    }

    // ---- LRU ----

    /** Marks entry {@code e} used (LRU maps only; a no-op otherwise). */
    void touch(int e) {
        if (lru) {
            state[e] |= REF;
        }
    }

    /** The entry an insert into a full map would evict now, without evicting (for tests and tracing). */
    int lruTail() {
        return tail;
    }

    private void evict() {
        int e = tail;
        for (int scans = 0; scans < LRU_SCAN && (state[e] & REF) != 0; scans++) {
            state[e] &= ~REF;
            unlink(e);
            linkHead(e);
            e = tail;
        }
        remove(e);
        evictions++;
    }

    private void linkHead(int e) {
        prev[e] = -1;
        next[e] = head;
        if (head >= 0) {
            prev[head] = e;
        } else {
            tail = e;
        }
        head = e;
    }

    private void unlink(int e) {
        int p = prev[e];
        int n = next[e];
        if (p >= 0) {
            next[p] = n;
        } else {
            head = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            tail = p;
        }
    }
}
