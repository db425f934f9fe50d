package dev.weir.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One routing table of one family (Linux's {@code fib_table} for IPv4, an IPv6 table's
 * {@code fib6_table}): routes by prefix, and the longest-prefix-match lookup.
 *
 * <h2>Structure</h2>
 * One open-addressing hash map per prefix length in use, keyed by the masked destination, each
 * entry a {@code Leaf} holding the routes of that exact prefix in lookup order: TOS descending,
 * then metric ascending, then insertion order (Linux's alias order). A bit mask records which
 * lengths hold routes; a lookup probes those lengths from the longest down, so it costs one hash
 * probe per length in use and allocates nothing.
 *
 * <p>An IPv4 table of more than {@value #INDEX_MIN_ROUTES} routes also keeps, per /16 block of
 * the address space, the prefix lengths that may match inside the block (512 KiB), so that a
 * lookup probes only those: a few probes instead of one per length in use. Deletions leave
 * their bits (extra probes, never wrong answers) until the index is rebuilt.
 *
 * <h2>Lookup</h2>
 * For the longest prefix containing the destination, the routes of that prefix are tried in
 * order: a route whose TOS differs from a non-zero route TOS is skipped; a reject route
 * (blackhole, unreachable, prohibit, throw) ends the lookup with its error; a route whose device
 * is down (a dead nexthop) or is not the flow's output interface, when one is set, is skipped.
 * When every route of a prefix is skipped the lookup goes on to the next shorter prefix, as
 * Linux's {@code fib_table_lookup} backtracks.
 */
public final class FibTable {
    /** Netlink flags of a change ({@code NLM_F_*}): what {@code add}, {@code replace}, {@code append}... send. */
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;

    private final int family;
    private final int id;
    private final int maxLen;
    private final LenMap[] maps;
    /** Bit {@code len & 63} of word {@code len >>> 6}: routes of that prefix length exist. */
    private final long[] used;
    private int size;
    /** IPv4, large tables: per /16 block, bit L set when a route of length L may contain addresses in it. */
    private long[] blockLens;
    private int staleDeletes;

    static final int INDEX_MIN_ROUTES = 256;

    FibTable(int family, int id) {
        this.family = family;
        this.id = id;
        this.maxLen = Addr.maxLen(family);
        this.maps = new LenMap[maxLen + 1];
        this.used = new long[(maxLen >>> 6) + 1];
    }

    public int family() {
        return family;
    }

    public int id() {
        return id;
    }

    /** Number of routes. */
    public int size() {
        return size;
    }

    // ---- lookup ----

    /**
     * Longest-prefix match for {@code fl}'s destination. Returns 0 with {@code res.route} and
     * {@code res.type} set; a reject route's negative errno with them set too; or
     * {@code -EAGAIN} when nothing here matches (the rule walk goes on).
     */
    int lookup(Flow fl, FibResult res) {
        long dHi = fl.dstHi();
        long dLo = fl.dstLo();
        long[] index = blockLens;
        for (int w = used.length - 1; w >= 0; w--) {
            // The block index may keep bits of lengths whose last route was deleted (it is rebuilt
            // lazily); masking with the lengths in use keeps a lookup off their emptied maps.
            long bits = index != null ? index[(int) (dLo >>> 16)] & used[w] : used[w];
            while (bits != 0) {
                int b = 63 - Long.numberOfLeadingZeros(bits);
                bits &= ~(1L << b);
                int len = (w << 6) + b;
                Leaf leaf = maps[len].get(dHi & Addr.maskHi(family, len), dLo & Addr.maskLo(family, len));
                if (leaf == null) {
                    continue;
                }
                Route[] rs = leaf.routes;
                for (int i = 0, n = leaf.n; i < n; i++) {
                    Route r = rs[i];
                    int verdict = check(r, fl);
                    if (verdict == USE) {
                        res.route = r;
                        res.type = r.type();
                        res.table = id;
                        return r.type().error();
                    }
                }
            }
        }
        return -Errno.EAGAIN;
    }

    static final int USE = 0;
    static final int SKIP_TOS = 1;
    static final int SKIP_DEAD = 2;
    static final int SKIP_OIF = 3;
    static final int SKIP_SCOPE = 4;

    /** Whether the lookup may use {@code r} for {@code fl}, or why it skips it. */
    static int check(Route r, Flow fl) {
        if (r.tos() != 0 && r.tos() != fl.tos()) {
            return SKIP_TOS;
        }
        if (r.scope() < fl.scope()) {
            return SKIP_SCOPE;
        }
        if (r.type().isReject()) {
            return USE;
        }
        if (r.isDead()) {
            return SKIP_DEAD;
        }
        if (fl.oif() != 0 && r.dev() != null && r.dev().ifindex() != fl.oif()) {
            return SKIP_OIF;
        }
        return USE;
    }

    /**
     * Every route whose prefix contains {@code (hi, lo)}, in the order a lookup considers them
     * (longest prefix first, then leaf order). For explanations; allocates.
     */
    List<Route> candidates(long hi, long lo) {
        List<Route> out = new ArrayList<>();
        for (int len = maxLen; len >= 0; len--) {
            if (!isUsed(len)) {
                continue;
            }
            Leaf leaf = maps[len].get(hi & Addr.maskHi(family, len), lo & Addr.maskLo(family, len));
            if (leaf != null) {
                for (int i = 0; i < leaf.n; i++) {
                    out.add(leaf.routes[i]);
                }
            }
        }
        return out;
    }

    // ---- changes ----

    /**
     * Adds {@code r} with the semantics of {@code RTM_NEWROUTE} and the given {@code NLM_F_*}
     * flags: {@code add} is CREATE|EXCL (an existing route of the same prefix, TOS and metric is
     * EEXIST), {@code replace} CREATE|REPLACE (replaces the first such route), {@code change}
     * REPLACE (ENOENT when there is none), {@code append} CREATE|APPEND (after routes of the same
     * metric), {@code prepend} CREATE (before them). An identical route is always EEXIST. Returns
     * the route replaced, or null.
     *
     * @throws RtnlException with EEXIST or ENOENT
     */
    Route insert(Route r, int nlFlags) {
        if (r.family() != family) {
            throw new IllegalArgumentException("IPv" + r.family() + " route " + r + " into IPv" + family + " table " + id);
        }
        LenMap m = maps[r.dstLen()];
        Leaf leaf = m == null ? null : m.get(r.dstHi(), r.dstLo());
        int first = -1;
        if (leaf != null) {
            first = leaf.n;
            for (int i = 0; i < leaf.n; i++) {
                Route x = leaf.routes[i];
                if (x.tos() < r.tos() || (x.tos() == r.tos() && Integer.compareUnsigned(x.metric(), r.metric()) >= 0)) {
                    first = i;
                    break;
                }
            }
        }
        boolean sameSlot = leaf != null && first < leaf.n
                && leaf.routes[first].tos() == r.tos() && leaf.routes[first].metric() == r.metric();
        int at;
        if (sameSlot) {
            if ((nlFlags & NLM_F_EXCL) != 0) {
                throw new RtnlException(Errno.EEXIST, null);
            }
            int match = -1;
            int end = first;
            while (end < leaf.n && leaf.routes[end].tos() == r.tos() && leaf.routes[end].metric() == r.metric()) {
                if (match < 0 && leaf.routes[end].sameAs(r)) {
                    match = end;
                }
                end++;
            }
            if ((nlFlags & NLM_F_REPLACE) != 0) {
                if (match >= 0) {
                    if (match == first) {
                        return null;
                    }
                    throw new RtnlException(Errno.EEXIST, null);
                }
                Route old = leaf.routes[first];
                leaf.routes[first] = r;
                return old;
            }
            if (match >= 0) {
                throw new RtnlException(Errno.EEXIST, null);
            }
            at = (nlFlags & NLM_F_APPEND) != 0 ? end : first;
        } else {
            at = leaf == null ? 0 : first;
        }
        if ((nlFlags & NLM_F_CREATE) == 0) {
            throw new RtnlException(Errno.ENOENT, null);
        }
        if (leaf == null) {
            if (m == null) {
                m = maps[r.dstLen()] = new LenMap(family == Addr.V4);
                used[r.dstLen() >>> 6] |= 1L << (r.dstLen() & 63);
            }
            leaf = new Leaf(r.dstHi(), r.dstLo(), r.dstLen());
            m.put(leaf);
        }
        leaf.insertAt(at, r);
        size++;
        if (blockLens != null) {
            mark(blockLens, r.dstLo(), r.dstLen());
        } else if (family == Addr.V4 && size > INDEX_MIN_ROUTES) {
            rebuildIndex();
        }
        return null;
    }

    /**
     * Removes the first route of prefix {@code (hi, lo)/len} with TOS {@code tos} that
     * {@code which} accepts, in lookup order. Returns it, or null when none does.
     */
    Route delete(long hi, long lo, int len, int tos, Predicate<Route> which) {
        LenMap m = maps[len];
        if (m == null) {
            return null;
        }
        Leaf leaf = m.get(hi & Addr.maskHi(family, len), lo & Addr.maskLo(family, len));
        if (leaf == null) {
            return null;
        }
        for (int i = 0; i < leaf.n; i++) {
            Route r = leaf.routes[i];
            if (r.tos() == tos && which.test(r)) {
                removeAt(m, leaf, i);
                return r;
            }
        }
        return null;
    }

    /** Removes the route {@code r} itself (by identity); returns whether it was here. */
    boolean remove(Route r) {
        LenMap m = maps[r.dstLen()];
        Leaf leaf = m == null ? null : m.get(r.dstHi(), r.dstLo());
        if (leaf == null) {
            return false;
        }
        for (int i = 0; i < leaf.n; i++) {
            if (leaf.routes[i] == r) {
                removeAt(m, leaf, i);
                return true;
            }
        }
        return false;
    }

    /** Removes every route {@code which} accepts; returns them in display order. */
    List<Route> removeIf(Predicate<Route> which) {
        List<Route> gone = new ArrayList<>();
        for (Route r : routes()) {
            if (which.test(r)) {
                remove(r);
                gone.add(r);
            }
        }
        return gone;
    }

    /** True when a route {@link Route#sameAs} {@code r} is in the table. */
    boolean containsSame(Route r) {
        LenMap m = maps[r.dstLen()];
        Leaf leaf = m == null ? null : m.get(r.dstHi(), r.dstLo());
        if (leaf != null) {
            for (int i = 0; i < leaf.n; i++) {
                if (leaf.routes[i].sameAs(r)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void removeAt(LenMap m, Leaf leaf, int i) {
        leaf.removeAt(i);
        size--;
        if (blockLens != null && ++staleDeletes > size / 2 + 64) {
            rebuildIndex();
        }
        if (leaf.n == 0) {
            m.remove(leaf.hi, leaf.lo);
            if (m.size == 0) {
                maps[leaf.len] = null;
                used[leaf.len >>> 6] &= ~(1L << (leaf.len & 63));
            }
        }
    }

    /** Builds the per-/16 length index of a large IPv4 table, or drops it when the table got small. */
    private void rebuildIndex() {
        staleDeletes = 0;
        if (family != Addr.V4 || size <= INDEX_MIN_ROUTES / 2) {
            blockLens = null;
            return;
        }
        long[] idx = new long[1 << 16];
        for (int len = 0; len <= maxLen; len++) {
            if (maps[len] != null) {
                List<Leaf> leaves = new ArrayList<>();
                maps[len].collect(leaves);
                for (Leaf l : leaves) {
                    mark(idx, l.lo, len);
                }
            }
        }
        blockLens = idx;
    }

    private static void mark(long[] idx, long lo, int len) {
        long bit = 1L << len;
        if (len >= 16) {
            idx[(int) (lo >>> 16)] |= bit;
            return;
        }
        int first = (int) (lo >>> 16);
        for (int i = 0, n = 1 << (16 - len); i < n; i++) {
            idx[first + i] |= bit;
        }
    }

    private boolean isUsed(int len) {
        return (used[len >>> 6] & (1L << (len & 63))) != 0;
    }

    // ---- listing ----

    /**
     * Every route in the order {@code ip route show} lists them: IPv4 by network address, longer
     * prefixes first where addresses are equal (Linux's trie walk); IPv6 in the post-order walk
     * of Linux's radix tree (a prefix after the prefixes inside it, disjoint ones by address).
     */
    public List<Route> routes() {
        List<Leaf> leaves = new ArrayList<>();
        for (LenMap m : maps) {
            if (m != null) {
                m.collect(leaves);
            }
        }
        Comparator<Leaf> order = family == Addr.V4
                ? Comparator.<Leaf>comparingLong(l -> l.lo).thenComparing(l -> -l.len)
                : (a, b) -> Addr.compareV6TreeOrder(a.hi, a.lo, a.len, b.hi, b.lo, b.len);
        leaves.sort(order);
        List<Route> out = new ArrayList<>(size);
        for (Leaf l : leaves) {
            for (int i = 0; i < l.n; i++) {
                out.add(l.routes[i]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "FibTable[IPv" + family + " " + RtNames.tableName(id) + ", " + size + " routes]";
    }

    // ---- storage ----

    /** The routes of one exact prefix, in lookup order. */
    private static final class Leaf {
        final long hi;
        final long lo;
        final int len;
        Route[] routes = new Route[2];
        int n;

        Leaf(long hi, long lo, int len) {
            this.hi = hi;
            this.lo = lo;
            this.len = len;
        }

        void insertAt(int i, Route r) {
            if (n == routes.length) {
                Route[] grown = new Route[n * 2];
                System.arraycopy(routes, 0, grown, 0, n);
                routes = grown;
            }
            System.arraycopy(routes, i, routes, i + 1, n - i);
            routes[i] = r;
            n++;
        }

        void removeAt(int i) {
            System.arraycopy(routes, i + 1, routes, i, n - i - 1);
            routes[--n] = null;
        }
    }

    /**
     * Open addressing with linear probing from a multiplicative hash; backward-shift deletion.
     * An IPv4 key fits below 2^32, so an IPv4 map marks empty slots with -1 in its key array and a
     * probe reads only that array until it hits; an IPv6 map compares both halves.
     */
    private static final class LenMap {
        private static final long EMPTY4 = -1L;

        private final boolean v4;
        private long[] keyHi;
        private long[] keyLo;
        private Leaf[] vals;
        private int shift = 64 - 3;
        int size;

        LenMap(boolean v4) {
            this.v4 = v4;
            alloc(8);
        }

        private void alloc(int n) {
            keyLo = new long[n];
            vals = new Leaf[n];
            if (v4) {
                java.util.Arrays.fill(keyLo, EMPTY4);
            } else {
                keyHi = new long[n];
            }
        }

        private int slot(long hi, long lo) {
            return (int) (((hi * 0x9E37_79B9_7F4A_7C15L) + lo) * 0xC2B2_AE3D_27D4_EB4FL >>> shift);
        }

        private boolean empty(int i) {
            return v4 ? keyLo[i] == EMPTY4 : vals[i] == null;
        }

        private boolean at(int i, long hi, long lo) {
            return keyLo[i] == lo && (v4 || keyHi[i] == hi);
        }

        Leaf get(long hi, long lo) {
            int mask = keyLo.length - 1;
            if (v4) {
                long[] k = keyLo;
                for (int i = slot(0, lo); ; i = (i + 1) & mask) {
                    long x = k[i];
                    if (x == lo) {
                        return vals[i];
                    }
                    if (x == EMPTY4) {
                        return null;
                    }
                }
            }
            for (int i = slot(hi, lo); ; i = (i + 1) & mask) {
                Leaf v = vals[i];
                if (v == null) {
                    return null;
                }
                if (keyLo[i] == lo && keyHi[i] == hi) {
                    return v;
                }
            }
        }

        void put(Leaf leaf) {
            if ((size + 1) * 2 > keyLo.length) {
                grow();
            }
            int mask = keyLo.length - 1;
            int i = slot(leaf.hi, leaf.lo);
            while (!empty(i)) {
                i = (i + 1) & mask;
            }
            set(i, leaf.hi, leaf.lo, leaf);
            size++;
        }

        private void set(int i, long hi, long lo, Leaf v) {
            if (!v4) {
                keyHi[i] = hi;
            }
            keyLo[i] = lo;
            vals[i] = v;
        }

        private void clear(int i) {
            if (v4) {
                keyLo[i] = EMPTY4;
            }
            vals[i] = null;
        }

        void remove(long hi, long lo) {
            int mask = keyLo.length - 1;
            int i = slot(hi, lo);
            while (!empty(i) && !at(i, hi, lo)) {
                i = (i + 1) & mask;
            }
            if (empty(i)) {
                return;
            }
            clear(i);
            size--;
            // Shift later members of the cluster back so that no probe sequence is broken.
            int hole = i;
            for (int j = (i + 1) & mask; !empty(j); j = (j + 1) & mask) {
                long h = v4 ? 0 : keyHi[j];
                int home = slot(h, keyLo[j]);
                boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
                if (movable) {
                    set(hole, h, keyLo[j], vals[j]);
                    clear(j);
                    hole = j;
                }
            }
        }

        private void grow() {
            Leaf[] ov = vals;
            alloc(ov.length * 2);
            shift--;
            size = 0;
            for (Leaf l : ov) {
                if (l != null) {
                    put(l);
                }
            }
        }

        void collect(List<Leaf> out) {
            for (Leaf v : vals) {
                if (v != null) {
                    out.add(v);
                }
            }
        }
    }
}
