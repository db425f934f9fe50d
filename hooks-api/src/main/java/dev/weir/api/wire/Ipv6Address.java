package dev.weir.api.wire;

/**
 * An IPv6 address as two longs (network order: {@code hi} holds the first 8 bytes). Views hand
 * out the halves as longs to stay allocation-free; this record is the slow-path form.
 * {@link #toString()} follows RFC 5952 (lower case, the longest run of two or more zero groups
 * compressed, IPv4-mapped addresses in dotted form), as {@code inet_ntop} and tcpdump print.
 */
public record Ipv6Address(long hi, long lo) implements Comparable<Ipv6Address> {
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);
    /** ff02::1, all nodes on the link. */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1);
    /** ff02::2, all routers on the link. */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xff02_0000_0000_0000L, 2);

    public static Ipv6Address read(byte[] b, int off) {
        return new Ipv6Address(Bytes.i64(b, off), Bytes.i64(b, off + 8));
    }

    public void write(byte[] b, int off) {
        Bytes.put64(b, off, hi);
        Bytes.put64(b, off + 8, lo);
    }

    public byte[] toBytes() {
        byte[] b = new byte[16];
        write(b, 0);
        return b;
    }

    public boolean isMulticast() {
        return (hi >>> 56) == 0xff;
    }

    public boolean isUnspecified() {
        return hi == 0 && lo == 0;
    }

    public boolean isLoopback() {
        return hi == 0 && lo == 1;
    }

    /** fe80::/10 */
    public boolean isLinkLocal() {
        return (hi >>> 54) == (0xfe80L >>> 6);
    }

    /** ::ffff:a.b.c.d */
    public boolean isIpv4Mapped() {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /** The solicited-node multicast address ff02::1:ffXX:XXXX of this address (RFC 4291 section 2.7.1). */
    public Ipv6Address solicitedNode() {
        return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (lo & 0xff_ffffL));
    }

    /** The link-local address fe80::/64 with a modified EUI-64 interface id from {@code mac} (RFC 4291 appendix A). */
    public static Ipv6Address linkLocal(MacAddress mac) {
        long m = mac.bits();
        long iid = ((m >>> 24) << 40) | (0xfffeL << 24) | (m & 0xff_ffffL);
        iid ^= 0x0200_0000_0000_0000L;
        return new Ipv6Address(0xfe80_0000_0000_0000L, iid);
    }

    /** Parses any RFC 4291 section 2.2 text form, including "::" and a trailing dotted IPv4 part. */
    public static Ipv6Address parse(String s) {
        String t = s.trim();
        int pct = t.indexOf('%');
        if (pct >= 0) {
            t = t.substring(0, pct);
        }
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) {
            throw new IllegalArgumentException("'::' may appear only once in IPv6 address '" + s + "'");
        }
        int[] groups = new int[8];
        int[] head = parseGroups(dbl >= 0 ? t.substring(0, dbl) : t, s);
        int[] tail = dbl >= 0 ? parseGroups(t.substring(dbl + 2), s) : new int[0];
        if (dbl < 0 && head.length != 8) {
            throw new IllegalArgumentException("IPv6 address needs eight groups (or '::'): '" + s + "'");
        }
        if (head.length + tail.length > (dbl >= 0 ? 7 : 8)) {
            throw new IllegalArgumentException("too many groups in IPv6 address '" + s + "'");
        }
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new Ipv6Address(hi, lo);
    }

    private static int[] parseGroups(String part, String whole) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        boolean v4 = items[items.length - 1].contains(".");
        int n = items.length + (v4 ? 1 : 0);
        int[] out = new int[n];
        for (int i = 0; i < items.length; i++) {
            String g = items[i];
            if (v4 && i == items.length - 1) {
                int a;
                try {
                    a = Ipv4Address.parse(g).bits();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad embedded IPv4 part '" + g + "' in IPv6 address '" + whole + "'");
                }
                out[i] = a >>> 16;
                out[i + 1] = a & 0xffff;
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                throw new IllegalArgumentException("bad group '" + g + "' in IPv6 address '" + whole + "'");
            }
            try {
                out[i] = Integer.parseInt(g, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad group '" + g + "' in IPv6 address '" + whole + "'");
            }
        }
        return out;
    }

    /** True when {@code s} parses as an IPv6 address. */
    public static boolean isIpv6(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The mask's high and low halves for a prefix length 0..128. */
    public static long maskHi(int prefixLen) {
        checkPrefix(prefixLen);
        return prefixLen == 0 ? 0 : prefixLen >= 64 ? -1L : -1L << (64 - prefixLen);
    }

    public static long maskLo(int prefixLen) {
        checkPrefix(prefixLen);
        return prefixLen <= 64 ? 0 : prefixLen == 128 ? -1L : -1L << (128 - prefixLen);
    }

    private static void checkPrefix(int prefixLen) {
        if (prefixLen < 0 || prefixLen > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128, got " + prefixLen);
        }
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** RFC 5952 text of a raw address. */
    public static String toString(long hi, long lo) {
        return appendTo(new StringBuilder(39), hi, lo).toString();
    }

    /** The 16-bit group {@code i} (0..7) of an address. */
    private static int group(long hi, long lo, int i) {
        return (int) ((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    /**
     * Appends the RFC 5952 text of a raw address to {@code sb} without allocating; returns
     * {@code sb}. As glibc's {@code inet_ntop} (which tcpdump's printer matches): the first longest
     * run of two or more zero groups becomes "::", and the last 32 bits are dotted when the
     * address is IPv4-mapped ({@code ::ffff:a.b.c.d}) or IPv4-compatible, which glibc takes to
     * mean six zero groups then a non-zero seventh ({@code ::1.2.3.4}, but {@code ::2} and
     * {@code ::102} stay hexadecimal).
     */
    public static StringBuilder appendTo(StringBuilder sb, long hi, long lo) {
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (group(hi, lo, i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(hi, lo, j) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        boolean mapped = bestStart == 0 && bestLen == 5 && group(hi, lo, 5) == 0xffff;
        boolean compatible = bestStart == 0 && bestLen == 6;
        int last = mapped || compatible ? 6 : 8;
        boolean colonPending = false;
        for (int i = 0; i < last; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                colonPending = false;
                continue;
            }
            if (colonPending) {
                sb.append(':');
            }
            appendHexGroup(sb, group(hi, lo, i));
            colonPending = true;
        }
        if (mapped || compatible) {
            if (colonPending) {
                sb.append(':');
            }
            Ipv4Address.appendTo(sb, (int) lo);
        }
        return sb;
    }

    private static void appendHexGroup(StringBuilder sb, int g) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (g >>> shift) & 0xf;
            if (d != 0 || started || shift == 0) {
                sb.append(Character.forDigit(d, 16));
                started = true;
            }
        }
    }

    @Override
    public String toString() {
        return toString(hi, lo);
    }
}
