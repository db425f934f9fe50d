package dev.weir.route;

/**
 * What a route lookup is asked about (Linux's {@code flowi4}/{@code flowi6}): destination,
 * source (unspecified = let routing choose), input and output interface, firewall mark and TOS.
 * Reusable: a stage keeps one and refills it per packet, so lookups allocate nothing.
 *
 * <p>Addresses are in the two-long form of {@link Addr}; the {@code v4} setters do the
 * conversion. An interface index of 0 means "any".
 */
public final class Flow {
    private int family = Addr.V4;
    private long dstHi;
    private long dstLo;
    private long srcHi;
    private long srcLo;
    private int oif;
    private int iif;
    private int mark;
    private int tos;
    private int scope;

    /** Clears everything; the family becomes IPv4. */
    public Flow reset() {
        family = Addr.V4;
        dstHi = dstLo = srcHi = srcLo = 0;
        oif = iif = mark = tos = scope = 0;
        return this;
    }

    /** An IPv4 flow from {@code src} (0 for any) to {@code dst}; other fields are kept. */
    public Flow v4(int dst, int src) {
        family = Addr.V4;
        dstHi = 0;
        dstLo = Addr.v4(dst);
        srcHi = 0;
        srcLo = Addr.v4(src);
        return this;
    }

    /** An IPv6 flow; a source of :: means any. Other fields are kept. */
    public Flow v6(long dHi, long dLo, long sHi, long sLo) {
        family = Addr.V6;
        dstHi = dHi;
        dstLo = dLo;
        srcHi = sHi;
        srcLo = sLo;
        return this;
    }

    /** Either family, addresses in two-long form. */
    public Flow set(int fam, long dHi, long dLo, long sHi, long sLo) {
        if (fam != Addr.V4 && fam != Addr.V6) {
            throw new IllegalArgumentException("flow family must be 4 or 6, got " + fam);
        }
        family = fam;
        dstHi = dHi;
        dstLo = dLo;
        srcHi = sHi;
        srcLo = sLo;
        return this;
    }

    public Flow oif(int ifindex) {
        oif = ifindex;
        return this;
    }

    public Flow iif(int ifindex) {
        iif = ifindex;
        return this;
    }

    public Flow mark(int m) {
        mark = m;
        return this;
    }

    public Flow tos(int t) {
        tos = t;
        return this;
    }

    /**
     * The narrowest route scope acceptable ({@code flowi4_scope}): routes of a wider scope
     * (numerically smaller) are skipped. 0 (universe) accepts every route; checking that a gateway
     * is directly reachable asks for link scope.
     */
    public Flow scope(int s) {
        scope = s;
        return this;
    }

    public int scope() {
        return scope;
    }

    public Flow src(long hi, long lo) {
        srcHi = hi;
        srcLo = lo;
        return this;
    }

    public int family() {
        return family;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public int dst4() {
        return (int) dstLo;
    }

    public int src4() {
        return (int) srcLo;
    }

    public boolean hasSrc() {
        return srcHi != 0 || srcLo != 0;
    }

    public int oif() {
        return oif;
    }

    public int iif() {
        return iif;
    }

    public int mark() {
        return mark;
    }

    public int tos() {
        return tos;
    }

    @Override
    public String toString() {
        return "Flow[" + Addr.format(family, srcHi, srcLo) + " -> " + Addr.format(family, dstHi, dstLo)
                + " oif " + oif + " iif " + iif + " mark 0x" + Integer.toHexString(mark) + " tos 0x" + Integer.toHexString(tos) + "]";
    }
}
