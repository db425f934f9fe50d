package dev.weir.qdisc;

/**
 * A byte rate prepared for the fast path, as Linux's {@code struct psched_ratecfg}: the time a
 * packet of {@code len} bytes takes at the rate is {@code (len * mult) >> shift} nanoseconds, a
 * multiply and a shift instead of a divide, with {@code mult} as large as fits in 32 bits for
 * accuracy ({@code psched_ratecfg_precompute}). tbf's token bucket runs on these nanoseconds, so
 * its rounding is Linux's.
 */
final class RateCfg {
    final long rateBytesPs;
    private final long mult;
    private final int shift;
    private final int overhead;

    RateCfg(long rateBytesPs, int overhead) {
        this.rateBytesPs = rateBytesPs;
        this.overhead = overhead;
        long m = 1;
        int s = 0;
        if (rateBytesPs > 0) {
            long factor = 1_000_000_000L;
            while (true) {
                m = Long.divideUnsigned(factor, rateBytesPs) & 0xffff_ffffL;
                if ((m & (1L << 31)) != 0 || (factor & (1L << 63)) != 0) {
                    break;
                }
                factor <<= 1;
                s++;
            }
        }
        this.mult = m;
        this.shift = s;
    }

    /** psched_l2t_ns: nanoseconds to send {@code len} bytes (plus the configured overhead). */
    long l2t(long len) {
        // len and mult are both below 2^32, so the product fits an unsigned 64-bit word.
        return ((len + overhead) * mult) >>> shift;
    }

    /** psched_ns_t2l: bytes sent in {@code ns} nanoseconds (less the overhead, not below 0). */
    long t2l(long ns) {
        long len = Math.multiplyHigh(ns, rateBytesPs) != 0
                ? Long.MAX_VALUE
                : Long.divideUnsigned(ns * rateBytesPs, 1_000_000_000L);
        return len > overhead ? len - overhead : 0;
    }
}
