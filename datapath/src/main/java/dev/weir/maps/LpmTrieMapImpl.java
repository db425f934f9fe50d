package dev.weir.maps;

import dev.weir.api.maps.LpmTrieMap;
import dev.weir.api.maps.MapDef;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.wire.Bytes;

/**
 * {@code LPM_TRIE}: an exact-match {@link HashCore} of the stored prefixes (keys as Linux's
 * {@code bpf_lpm_trie_key}, address bits past the prefix length zeroed) that owns the entries,
 * values and iteration order, plus an {@link LpmTrie} that maps an address to the entry of its
 * longest matching prefix.
 *
 * <p>Full-width lookups (the packet path) read only the trie and the value array. A lookup key
 * with a shorter prefix length, and the search for the prefix that takes over a deleted one's
 * addresses, probe the exact-match table once per shorter length. Capacity is the number of
 * prefixes; a new prefix in a full map is ENOSPC, as in Linux's {@code trie_update_elem}.
 */
public final class LpmTrieMapImpl extends KeyValueMapImpl implements LpmTrieMap {
    private final HashCore rib;
    private final LpmTrie trie;
    private final ValueStore values;
    private final int addrBytes;
    private final int widthBits;
    private final boolean longValue;
    private final byte[] kbuf;
    private final byte[] kbuf2;

    public LpmTrieMapImpl(MapDef def) {
        super(def);
        if (def.type() != dev.weir.api.maps.MapType.LPM_TRIE) {
            throw new IllegalArgumentException("map \"" + def.name() + "\": " + def.type().linuxName() + " is not lpm_trie");
        }
        this.addrBytes = def.keySize() - 4;
        this.widthBits = 8 * addrBytes;
        this.rib = new HashCore(def.keySize(), def.maxEntries(), false);
        this.trie = new LpmTrie(widthBits, def.maxEntries() > 4096);
        this.values = new ValueStore(def, null);
        this.longValue = values.longValue;
        this.kbuf = new byte[def.keySize()];
        this.kbuf2 = new byte[def.keySize()];
    }

    // ---- keys ----

    private static long maskHi(long hi, int len) {
        return len >= 64 ? hi : len == 0 ? 0 : hi & (-1L << (64 - len));
    }

    private static long maskLo(long lo, int len) {
        return len <= 64 ? 0 : len >= 128 ? lo : lo & (-1L << (128 - len));
    }

    /** Writes the key {@code hi:lo/len} (masked) into {@code k}. */
    private void key(byte[] k, long hi, long lo, int len) {
        Bytes.put32(k, 0, len);
        Words.write(maskHi(hi, len), k, 4, addrBytes, 0);
        if (addrBytes > 8) {
            Words.write(maskLo(lo, len), k, 4, addrBytes, 1);
        }
    }

    private long hi(byte[] k) {
        return Words.read(k, 4, addrBytes, 0);
    }

    private long lo(byte[] k) {
        return addrBytes > 8 ? Words.read(k, 4, addrBytes, 1) : 0;
    }

    /** Copies a caller's key into kbuf with its address masked; its prefix length, or -1 when invalid. */
    private int canonical(byte[] key, int keyOff) {
        int len = Bytes.i32(key, keyOff);
        if (len < 0 || len > widthBits) {
            return -1;
        }
        System.arraycopy(key, keyOff, kbuf, 0, kbuf.length);
        key(kbuf, hi(kbuf), lo(kbuf), len);
        return len;
    }

    /** The entry of prefix {@code kbuf} (length {@code len}) to write a value to, or a negative MapError. */
    private int entryForUpdate(int len, long flags) {
        int e = rib.find(kbuf, 0);
        if (e >= 0) {
            return flags == MapFlags.NOEXIST ? MapError.EEXIST : e;
        }
        if (flags == MapFlags.EXIST) {
            return MapError.ENOENT;
        }
        e = rib.insert(kbuf, 0);
        if (e < 0) {
            return MapError.ENOSPC;
        }
        trie.insert(e, len, hi(kbuf), lo(kbuf));
        return e;
    }

    /** Removes prefix {@code kbuf} of length {@code len}: OK or ENOENT. */
    private int remove(int len) {
        int e = rib.find(kbuf, 0);
        if (e < 0) {
            return MapError.ENOENT;
        }
        long hi = hi(kbuf);
        long lo = lo(kbuf);
        int rep = -1;
        int repLen = 0;
        for (int l = len - 1; l >= 0 && rep < 0; l--) {
            key(kbuf2, hi, lo, l);
            rep = rib.find(kbuf2, 0);
            repLen = l;
        }
        trie.delete(e, len, hi, lo, rep, repLen);
        rib.remove(e);
        return MapError.OK;
    }

    /** The entry of the longest prefix of at most {@code len} bits matching {@code hi:lo}, or -1. */
    private int longestMatch(long hi, long lo, int len) {
        if (len == widthBits) {
            return trie.lookup(hi, lo);
        }
        for (int l = len; l >= 0; l--) {
            key(kbuf2, hi, lo, l);
            int e = rib.find(kbuf2, 0);
            if (e >= 0) {
                return e;
            }
        }
        return -1;
    }

    // ---- byte-level operations ----

    @Override
    public int lookup(byte[] key, int keyOff, byte[] value, int valueOff) {
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        int len = Bytes.i32(key, keyOff);
        if (len < 0 || len > widthBits) {
            return MapError.ENOENT;
        }
        int e = longestMatch(Words.read(key, keyOff + 4, addrBytes, 0),
                addrBytes > 8 ? Words.read(key, keyOff + 4, addrBytes, 1) : 0, len);
        return values.readTo(e, value, valueOff);
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (!Words.fits(key, keyOff, keySize()) || !Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        int len = canonical(key, keyOff);
        if (len < 0) {
            return MapError.EINVAL;
        }
        return values.writeFrom(entryForUpdate(len, flags), value, valueOff);
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        if (!Words.fits(key, keyOff, keySize())) {
            return MapError.EFAULT;
        }
        int len = canonical(key, keyOff);
        return len < 0 ? MapError.EINVAL : remove(len);
    }

    @Override
    public int getNextKey(byte[] key, int keyOff, byte[] nextKey, int nextKeyOff) {
        if (!Words.fits(nextKey, nextKeyOff, keySize()) || key != null && !Words.fits(key, keyOff, keySize())) {
            return MapError.EFAULT;
        }
        int e = -1;
        if (key != null && canonical(key, keyOff) >= 0) {
            e = rib.find(kbuf, 0);
        }
        return rib.copyNextKey(e, nextKey, nextKeyOff);
    }

    @Override
    public int size() {
        return rib.count();
    }

    // ---- fast paths ----

    @Override
    public long lookupLongV4(int addr, long absent) {
        if (addrBytes != 4 || !longValue) {
            return absent;
        }
        int e = trie.lookup32(addr);
        return e < 0 ? absent : values.getLong(e);
    }

    @Override
    public int lookupV4(int addr, byte[] value, int valueOff) {
        if (addrBytes != 4) {
            return MapError.EINVAL;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        return values.readTo(trie.lookup32(addr), value, valueOff);
    }

    @Override
    public long lookupLongV6(long hi, long lo, long absent) {
        if (addrBytes != 16 || !longValue) {
            return absent;
        }
        int e = trie.lookup(hi, lo);
        return e < 0 ? absent : values.getLong(e);
    }

    @Override
    public int lookupV6(long hi, long lo, byte[] value, int valueOff) {
        if (addrBytes != 16) {
            return MapError.EINVAL;
        }
        if (!Words.fits(value, valueOff, valueSize())) {
            return MapError.EFAULT;
        }
        return values.readTo(trie.lookup(hi, lo), value, valueOff);
    }

    @Override
    public int matchLengthV4(int addr) {
        return addrBytes != 4 ? -1 : trie.matchLength((long) addr << 32, 0);
    }

    /** The length of the longest prefix matching {@code hi:lo} (16-byte addresses), or -1. */
    public int matchLengthV6(long hi, long lo) {
        return addrBytes != 16 ? -1 : trie.matchLength(hi, lo);
    }

    private int updateLong(long hi, long lo, int len, long value, long flags) {
        if (!longValue || badFlags(flags)) {
            return MapError.EINVAL;
        }
        if (len < 0 || len > widthBits) {
            return MapError.EINVAL;
        }
        key(kbuf, hi, lo, len);
        int e = entryForUpdate(len, flags);
        if (e < 0) {
            return e;
        }
        values.setLong(e, value);
        return MapError.OK;
    }

    @Override
    public int updateV4(int addr, int prefixLen, long value, long flags) {
        return addrBytes != 4 ? MapError.EINVAL : updateLong((long) addr << 32, 0, prefixLen, value, flags);
    }

    @Override
    public int updateV6(long hi, long lo, int prefixLen, long value, long flags) {
        return addrBytes != 16 ? MapError.EINVAL : updateLong(hi, lo, prefixLen, value, flags);
    }

    @Override
    public int deleteV4(int addr, int prefixLen) {
        if (addrBytes != 4 || prefixLen < 0 || prefixLen > 32) {
            return MapError.EINVAL;
        }
        key(kbuf, (long) addr << 32, 0, prefixLen);
        return remove(prefixLen);
    }

    @Override
    public int deleteV6(long hi, long lo, int prefixLen) {
        if (addrBytes != 16 || prefixLen < 0 || prefixLen > 128) {
            return MapError.EINVAL;
        }
        key(kbuf, hi, lo, prefixLen);
        return remove(prefixLen);
    }

    /** Trie chunks in use: a measure of the structure's memory, for tests and {@code map show}. */
    public int trieChunks() {
        return trie.liveChunks();
    }

    // ---- MapImpl ----

    @Override
    public long memoryBytes() {
        return rib.memoryBytes() + values.memoryBytes() + trie.memoryBytes();
    }

    @Override
    public int userCount() {
        return rib.count();
    }
}
