package dev.weir.route;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;

/**
 * Addresses of both families in one form, so that tables, rules and caches share their code: an
 * address is two longs {@code (hi, lo)}. An IPv6 address is its two halves; an IPv4 address is
 * {@code hi = 0, lo = addr & 0xffffffffL}. Family is {@link #V4} or {@link #V6}.
 */
public final class Addr {
    public static final int V4 = 4;
    public static final int V6 = 6;

    private static final long[] V4_MASK = new long[33];
    private static final long[] V6_MASK_HI = new long[129];
    private static final long[] V6_MASK_LO = new long[129];

    static {
        for (int len = 0; len <= 32; len++) {
            V4_MASK[len] = len == 0 ? 0 : (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
        }
        for (int len = 0; len <= 128; len++) {
            V6_MASK_HI[len] = Ipv6Address.maskHi(len);
            V6_MASK_LO[len] = Ipv6Address.maskLo(len);
        }
    }

    private Addr() {}

    /** 32 or 128. */
    public static int maxLen(int family) {
        return family == V4 ? 32 : 128;
    }

    /** An IPv4 address in the {@code lo} form. */
    public static long v4(int addr) {
        return addr & 0xffff_ffffL;
    }

    public static long maskHi(int family, int len) {
        return family == V4 ? 0 : V6_MASK_HI[len];
    }

    public static long maskLo(int family, int len) {
        return family == V4 ? V4_MASK[len] : V6_MASK_LO[len];
    }

    /** True when {@code (hi, lo)} lies in the prefix {@code (phi, plo)/len}. */
    public static boolean inPrefix(int family, long phi, long plo, int len, long hi, long lo) {
        return ((hi ^ phi) & maskHi(family, len)) == 0 && ((lo ^ plo) & maskLo(family, len)) == 0;
    }

    public static boolean isUnspecified(long hi, long lo) {
        return hi == 0 && lo == 0;
    }

    public static boolean isMulticast(int family, long hi, long lo) {
        return family == V4 ? (lo & 0xf000_0000L) == 0xe000_0000L : (hi >>> 56) == 0xff;
    }

    /** 224.0.0.0/24: link-local multicast, never routed. */
    public static boolean isV4LocalMulticast(long lo) {
        return (lo & 0xffff_ff00L) == 0xe000_0000L;
    }

    /** 255.255.255.255 */
    public static boolean isV4LimitedBroadcast(long lo) {
        return lo == 0xffff_ffffL;
    }

    /** 0.0.0.0/8 */
    public static boolean isV4ZeroNet(long lo) {
        return (lo & 0xff00_0000L) == 0;
    }

    /** 127.0.0.0/8 */
    public static boolean isV4Loopback(long lo) {
        return (lo & 0xff00_0000L) == 0x7f00_0000L;
    }

    /** fe80::/10 */
    public static boolean isV6LinkLocal(long hi) {
        return (hi >>> 54) == (0xfe80L >>> 6);
    }

    /**
     * RFC 4291 scope of an IPv6 address as Linux's {@code __ipv6_addr_src_scope} numbers it
     * (1 interface-local, 2 link-local, 5 site-local, 14 global): the loopback address is
     * interface-local, link-local unicast is 2, multicast takes its scope field.
     */
    public static int v6Scope(long hi, long lo) {
        if ((hi >>> 56) == 0xff) {
            return (int) (hi >>> 48) & 0xf;
        }
        if (hi == 0 && lo == 1) {
            return 1;
        }
        if (isV6LinkLocal(hi)) {
            return 2;
        }
        if ((hi >>> 54) == (0xfec0L >>> 6)) {
            return 5;
        }
        return 14;
    }

    /** Leading bits {@code (ahi, alo)} and {@code (bhi, blo)} share, 0..128 (RFC 6724 CommonPrefixLen). */
    public static int commonPrefixLen(long ahi, long alo, long bhi, long blo) {
        long x = ahi ^ bhi;
        if (x != 0) {
            return Long.numberOfLeadingZeros(x);
        }
        return 64 + Long.numberOfLeadingZeros(alo ^ blo);
    }

    /** The address as ip prints it. */
    public static String format(int family, long hi, long lo) {
        return family == V4 ? Ipv4Address.toString((int) lo) : Ipv6Address.toString(hi, lo);
    }

    /** "addr/len", or just "addr" for a host prefix. */
    public static String formatPrefix(int family, long hi, long lo, int len) {
        String a = format(family, hi, lo);
        return len == maxLen(family) ? a : a + "/" + len;
    }

    /**
     * The order in which Linux's IPv6 FIB walks its radix tree (post-order, 0 before 1): a prefix
     * sorts after every prefix inside it, and disjoint prefixes sort by address. Negative when
     * {@code a} comes first.
     */
    static int compareV6TreeOrder(long ahi, long alo, int alen, long bhi, long blo, int blen) {
        int common = Math.min(alen, blen);
        long mh = V6_MASK_HI[common];
        long ml = V6_MASK_LO[common];
        long xa = ahi & mh;
        long xb = bhi & mh;
        if (xa != xb) {
            return Long.compareUnsigned(xa, xb);
        }
        xa = alo & ml;
        xb = blo & ml;
        if (xa != xb) {
            return Long.compareUnsigned(xa, xb);
        }
        return Integer.compare(blen, alen);
    }
}
