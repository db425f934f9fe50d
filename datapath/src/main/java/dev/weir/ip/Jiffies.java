package dev.weir.ip;

/**
 * Linux's tick counter, for the algorithms that count in ticks (ICMP rate limits): Weir runs
 * them at {@code HZ = 1000}, the tick of Fedora's and RHEL's kernels, so one jiffy is one
 * millisecond of virtual time and millisecond sysctls convert to jiffies unchanged.
 */
final class Jiffies {
    private Jiffies() {}

    static final int HZ = 1000;
    private static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;

    /** Jiffies at virtual time {@code nanos}. */
    static long of(long nanos) {
        return nanos / NANOS_PER_JIFFY;
    }

    /** A millisecond sysctl in jiffies ({@code proc_dointvec_ms_jiffies}). */
    static long fromMillis(long ms) {
        return ms * HZ / 1000;
    }
}
