package dev.weir.nic;

import dev.weir.sim.SimRandom;
import java.util.Arrays;

/**
 * Receive Side Scaling as a NIC does it: a Toeplitz hash over the packet's addresses (and ports,
 * per flow type) with a 40-byte secret key, and a 128-entry indirection table from the hash's
 * low seven bits to a receive queue. Configured by {@code ethtool -x/-X} (table, key) and
 * {@code ethtool -n/-N rx-flow-hash} (fields per flow type).
 *
 * <p>The Toeplitz hash (Microsoft's "Verifying the RSS Hash Calculation"): for each bit of the
 * input, most significant first, when the bit is set the 32 key bits starting at that bit's
 * position are XORed into the result. The input is source address, destination address, then
 * (with ports) source port and destination port, in network order. A lookup table per input
 * byte position makes a hash 12 (IPv4) to 36 (IPv6) table reads, rebuilt when the key changes.
 *
 * <p>Field sets per flow type default as most drivers' ({@code ethtool -n DEV rx-flow-hash
 * tcp4}): TCP over IPv4 and IPv6 use addresses and ports, UDP addresses only; anything else IP
 * (other protocols, fragments) addresses only.
 */
public final class Rss {
    public static final int KEY_LEN = 40;
    public static final int TABLE_SIZE = 128;

    /** ethtool's RXH_* bits: which fields a flow type's hash covers. */
    public static final int RXH_IP_SRC = 1 << 4;
    public static final int RXH_IP_DST = 1 << 5;
    public static final int RXH_L4_B_0_1 = 1 << 6;
    public static final int RXH_L4_B_2_3 = 1 << 7;
    /** "sd": addresses only. */
    public static final int FIELDS_SD = RXH_IP_SRC | RXH_IP_DST;
    /** "sdfn": addresses and ports. */
    public static final int FIELDS_SDFN = FIELDS_SD | RXH_L4_B_0_1 | RXH_L4_B_2_3;

    /** Flow types whose fields can be chosen, in ethtool's names. */
    public static final int TCP4 = 0;
    public static final int UDP4 = 1;
    public static final int TCP6 = 2;
    public static final int UDP6 = 3;

    private static final int MAX_INPUT = 36;

    private final byte[] key = new byte[KEY_LEN];
    private final int[] table = new int[TABLE_SIZE];
    private final int[] fields = {FIELDS_SDFN, FIELDS_SD, FIELDS_SDFN, FIELDS_SD};
    private final int[][] lut = new int[MAX_INPUT][256];
    private boolean userTable;

    /** RSS with the host's key ({@code netdev_rss_key}, one per host) and an even table over {@code queues}. */
    public Rss(SimRandom hostRandom, int queues) {
        SimRandom r = hostRandom.split("netdev_rss_key");
        for (int i = 0; i < KEY_LEN; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8; j++) {
                key[i + j] = (byte) (v >>> (56 - 8 * j));
            }
        }
        rebuildLut();
        setEqual(queues);
        userTable = false;
    }

    /** The key (a copy). */
    public byte[] key() {
        return key.clone();
    }

    public void setKey(byte[] k) {
        if (k.length != KEY_LEN) {
            throw new IllegalArgumentException("RSS key must be " + KEY_LEN + " bytes, got " + k.length);
        }
        System.arraycopy(k, 0, key, 0, KEY_LEN);
        rebuildLut();
    }

    /** Entry {@code i} of the indirection table: the queue for hashes whose low bits are {@code i}. */
    public int table(int i) {
        return table[i];
    }

    public int[] tableCopy() {
        return table.clone();
    }

    /** Sets the whole table ({@code ethtool -X weight ...}); marks it configured by the user. */
    public void setTable(int[] t) {
        if (t.length != TABLE_SIZE) {
            throw new IllegalArgumentException("RSS indirection table must have " + TABLE_SIZE + " entries, got " + t.length);
        }
        System.arraycopy(t, 0, table, 0, TABLE_SIZE);
        userTable = true;
    }

    /** ethtool_rxfh_indir_default: entry i is queue i mod {@code queues}. */
    public void setEqual(int queues) {
        for (int i = 0; i < TABLE_SIZE; i++) {
            table[i] = i % queues;
        }
        userTable = true;
    }

    /** Back to the driver's default over {@code queues} ({@code ethtool -X default}); no longer user-configured. */
    public void resetDefault(int queues) {
        setEqual(queues);
        userTable = false;
    }

    /** True once the user set the table (Linux's netif_is_rxfh_configured): channel changes keep it. */
    public boolean userConfigured() {
        return userTable;
    }

    /** The highest queue the table names. */
    public int maxQueue() {
        int m = 0;
        for (int q : table) {
            m = Math.max(m, q);
        }
        return m;
    }

    /** The RXH_* fields flow type {@code flowType} ({@link #TCP4} ...) hashes. */
    public int fields(int flowType) {
        return fields[flowType];
    }

    public void setFields(int flowType, int rxh) {
        fields[flowType] = rxh;
    }

    /** The queue for hash {@code h}. */
    public int queueFor(int h) {
        return table[h & (TABLE_SIZE - 1)];
    }

    /** Toeplitz hash of {@code len} bytes of {@code input} at {@code off} with this RSS's key. */
    public int hash(byte[] input, int off, int len) {
        if (len > MAX_INPUT) {
            throw new IllegalArgumentException("RSS input is at most " + MAX_INPUT + " bytes, got " + len);
        }
        int h = 0;
        for (int i = 0; i < len; i++) {
            h ^= lut[i][input[off + i] & 0xff];
        }
        return h;
    }

    /** Hash of an IPv4 pair, with ports when {@code withPorts}. Allocation-free. */
    int hashV4(int src, int dst, int sport, int dport, boolean withPorts) {
        int h = word(0, src) ^ word(4, dst);
        if (withPorts) {
            h ^= lut[8][(sport >>> 8) & 0xff] ^ lut[9][sport & 0xff] ^ lut[10][(dport >>> 8) & 0xff] ^ lut[11][dport & 0xff];
        }
        return h;
    }

    /** Hash of an IPv6 pair read from {@code b} (16-byte addresses at {@code src}, {@code dst}). */
    int hashV6(byte[] b, int src, int dst, int sport, int dport, boolean withPorts) {
        int h = 0;
        for (int i = 0; i < 16; i++) {
            h ^= lut[i][b[src + i] & 0xff] ^ lut[16 + i][b[dst + i] & 0xff];
        }
        if (withPorts) {
            h ^= lut[32][(sport >>> 8) & 0xff] ^ lut[33][sport & 0xff] ^ lut[34][(dport >>> 8) & 0xff] ^ lut[35][dport & 0xff];
        }
        return h;
    }

    private int word(int pos, int v) {
        return lut[pos][v >>> 24] ^ lut[pos + 1][(v >>> 16) & 0xff] ^ lut[pos + 2][(v >>> 8) & 0xff] ^ lut[pos + 3][v & 0xff];
    }

    /** The Toeplitz reference: bit by bit, for tests of the table-driven form. */
    public static int toeplitz(byte[] key, byte[] input, int off, int len) {
        int result = 0;
        for (int i = 0; i < len * 8; i++) {
            if ((input[off + i / 8] & (0x80 >>> (i % 8))) != 0) {
                result ^= keyWord(key, i);
            }
        }
        return result;
    }

    /** The 32 key bits starting at bit {@code bit}, most significant first. */
    private static int keyWord(byte[] key, int bit) {
        int w = 0;
        for (int j = 0; j < 32; j++) {
            int k = bit + j;
            int v = k / 8 < key.length ? (key[k / 8] >>> (7 - k % 8)) & 1 : 0;
            w = (w << 1) | v;
        }
        return w;
    }

    private void rebuildLut() {
        for (int pos = 0; pos < MAX_INPUT; pos++) {
            int[] words = new int[8];
            for (int bit = 0; bit < 8; bit++) {
                words[bit] = keyWord(key, pos * 8 + bit);
            }
            for (int v = 0; v < 256; v++) {
                int h = 0;
                for (int bit = 0; bit < 8; bit++) {
                    if ((v & (0x80 >>> bit)) != 0) {
                        h ^= words[bit];
                    }
                }
                lut[pos][v] = h;
            }
        }
    }

    @Override
    public String toString() {
        return "Rss[table " + Arrays.toString(Arrays.copyOf(table, 8)) + "...]";
    }
}
