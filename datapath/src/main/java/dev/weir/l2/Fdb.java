package dev.weir.l2;

import java.util.ArrayList;
import java.util.List;

/**
 * A bridge's forwarding database (Linux's {@code br_fdb}): MAC address to port, learned from
 * source addresses and aged out, plus the local entries (the bridge's own address and each
 * port's) that mark frames to hand up. A chained hash keyed by the 48-bit address: lookups and
 * refreshes allocate nothing; learning a new address allocates its entry.
 */
final class Fdb {
    /** One entry. {@code port} null means the bridge device itself. */
    static final class Entry {
        final long mac;
        Bridge.Port port;
        /** BR_FDB_LOCAL: an address of this host; frames to it are handed up, not forwarded. */
        final boolean local;
        /** BR_FDB_STATIC: never aged (local entries are static too). */
        final boolean isStatic;
        /** Virtual time last learned or refreshed from a frame's source address. */
        long updated;
        /** Virtual time a frame was last forwarded to it. */
        long used;
        /** Creation order: listings show the newest first, as Linux's fdb_list does. */
        final long seq;
        Entry next;

        Entry(long mac, Bridge.Port port, boolean local, boolean isStatic, long now, long seq) {
            this.mac = mac;
            this.port = port;
            this.local = local;
            this.isStatic = isStatic;
            this.updated = now;
            this.used = now;
            this.seq = seq;
        }
    }

    private Entry[] buckets = new Entry[64];
    private int size;
    private int dynamic;
    private long nextSeq;

    private int slot(long mac, int n) {
        long h = mac * 0x9e3779b97f4a7c15L;
        return (int) (h >>> 40) & (n - 1);
    }

    Entry find(long mac) {
        for (Entry e = buckets[slot(mac, buckets.length)]; e != null; e = e.next) {
            if (e.mac == mac) {
                return e;
            }
        }
        return null;
    }

    Entry insert(long mac, Bridge.Port port, boolean local, boolean isStatic, long now) {
        if (size >= buckets.length) {
            grow();
        }
        Entry e = new Entry(mac, port, local, isStatic, now, nextSeq++);
        int s = slot(mac, buckets.length);
        e.next = buckets[s];
        buckets[s] = e;
        size++;
        if (!isStatic) {
            dynamic++;
        }
        return e;
    }

    boolean delete(Entry x) {
        int s = slot(x.mac, buckets.length);
        Entry prev = null;
        for (Entry e = buckets[s]; e != null; prev = e, e = e.next) {
            if (e == x) {
                if (prev == null) {
                    buckets[s] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                if (!e.isStatic) {
                    dynamic--;
                }
                return true;
            }
        }
        return false;
    }

    /** br_fdb_delete_by_port with do_all: every entry of {@code port}, local ones included. */
    void deleteByPort(Bridge.Port port) {
        for (Entry e : entries()) {
            if (e.port == port) {
                delete(e);
            }
        }
    }

    int size() {
        return size;
    }

    /** Entries that age. */
    int dynamicCount() {
        return dynamic;
    }

    /** Every entry, newest first. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(size);
        for (Entry b : buckets) {
            for (Entry e = b; e != null; e = e.next) {
                out.add(e);
            }
        }
        out.sort((a, c) -> Long.compare(c.seq, a.seq));
        return out;
    }

    private void grow() {
        Entry[] old = buckets;
        Entry[] nb = new Entry[old.length * 2];
        for (Entry b : old) {
            Entry e = b;
            while (e != null) {
                Entry n = e.next;
                int s = slot(e.mac, nb.length);
                e.next = nb[s];
                nb[s] = e;
                e = n;
            }
        }
        buckets = nb;
    }
}
