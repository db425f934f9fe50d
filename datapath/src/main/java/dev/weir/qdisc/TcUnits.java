package dev.weir.qdisc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as iproute2's {@code tc} reads and writes them, so that Weir's {@code tc qdisc show}
 * prints what the real one prints for the same configuration (checked against tc 6.1 in the
 * tests): sizes ({@code 1514b}, {@code 10Kb}, {@code 32Mb}), times ({@code 5ms}, {@code 1.5s},
 * {@code 69us}), rates ({@code 1500Kbit}), and the psched tick conversions tc applies to tbf's
 * burst and netem's delay on their way to the kernel and back.
 *
 * <p>Parsers follow tc's {@code get_size}, {@code get_time}, {@code get_rate64} and
 * {@code get_u32}: they return -1 for text tc refuses, and the caller prints tc's message.
 */
public final class TcUnits {
    private TcUnits() {}

    /** tc's time unit: microseconds (TIME_UNITS_PER_SEC). */
    public static final long USEC_PER_SEC = 1_000_000;

    /**
     * Psched ticks per microsecond as tc computes them from {@code /proc/net/psched} on Linux 6.x
     * ({@code 000003e8 00000040 000f4240}): 1000/64, i.e. one tick is 64 ns (PSCHED_SHIFT 6).
     */
    static final double TICKS_PER_USEC = 1000.0 / 64.0;
    static final int PSCHED_SHIFT = 6;

    // ---- printing ----------------------------------------------------------------------

    /** {@code sprint_size}: {@code 1514b}, {@code 10Kb}, {@code 32Mb} (a u32 byte count). */
    public static String size(long bytes) {
        long sz = bytes & 0xffff_ffffL;
        double tmp = sz;
        if (sz >= 1024 * 1024 && Math.abs(1024 * 1024 * Math.rint(tmp / (1024 * 1024)) - sz) < 1024) {
            return cg(Math.rint(tmp / (1024 * 1024)), 6) + "Mb";
        }
        if (sz >= 1024 && Math.abs(1024 * Math.rint(tmp / 1024) - sz) < 16) {
            return cg(Math.rint(tmp / 1024), 6) + "Kb";
        }
        return sz + "b";
    }

    /** {@code sprint_time} of a u32 microsecond count: {@code 1.5s}, {@code 100ms}, {@code 69us}. */
    public static String time(long usec) {
        long t = usec & 0xffff_ffffL;
        double tmp = t;
        if (tmp >= USEC_PER_SEC) {
            return cg(tmp / USEC_PER_SEC, 3) + "s";
        }
        if (tmp >= USEC_PER_SEC / 1000) {
            return cg(tmp / (USEC_PER_SEC / 1000), 3) + "ms";
        }
        return t + "us";
    }

    /** {@code sprint_time64} of nanoseconds: {@code 10s}, {@code 40ms}, {@code 10us}, {@code 500ns}. */
    public static String time64(long nsec) {
        double t = nsec;
        if (nsec >= 1_000_000_000L) {
            return cg(t / 1e9, 3) + "s";
        }
        if (nsec >= 1_000_000L) {
            return cg(t / 1e6, 3) + "ms";
        }
        if (nsec >= 1_000L) {
            return cg(t / 1e3, 3) + "us";
        }
        return nsec + "ns";
    }

    /** {@code print_rate} (decimal units) of a rate in bytes per second: {@code 1Mbit}, {@code 1500Kbit}. */
    public static String rate(long bytesPerSecond) {
        String[] units = {"", "K", "M", "G", "T"};
        long r = bytesPerSecond << 3;
        int i = 0;
        for (; i < units.length - 1; i++) {
            if (Long.compareUnsigned(r, 1000) < 0) {
                break;
            }
            if (Long.remainderUnsigned(r, 1000) != 0 && Long.compareUnsigned(r, 1000 * 1000) < 0) {
                break;
            }
            r = Long.divideUnsigned(r, 1000);
        }
        return Long.toUnsignedString(r) + units[i] + "bit";
    }

    /** A percentage as netem prints it: {@code %g} of the u32 fraction times 100. */
    static String percent(long u32) {
        return cg(100.0 * (u32 & 0xffff_ffffL) / 0xffff_ffffL, 6) + "%";
    }

    /**
     * C's {@code printf("%.Pg", v)}: P significant digits, trailing zeros removed, exponent form
     * when the exponent is below -4 or at least P. Rounds the exact binary value half-even, as
     * glibc does.
     */
    static String cg(double v, int precision) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        if (exp < -4 || exp >= precision) {
            BigDecimal mant = rounded.movePointLeft(exp);
            String m = stripZeros(mant.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
            String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
            return m + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return stripZeros(rounded.setScale(Math.max(0, precision - 1 - exp), RoundingMode.HALF_EVEN).toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    // ---- psched ticks (what tc and the kernel exchange for tbf and netem) ----------------

    /** {@code tc_core_time2tick}: microseconds to ticks, truncated to a u32. */
    static long time2tick(double usec) {
        return toU32(usec * TICKS_PER_USEC);
    }

    /** {@code tc_core_tick2time}: ticks to whole microseconds (truncated). */
    static long tick2time(long ticks) {
        return toU32((ticks & 0xffff_ffffL) / TICKS_PER_USEC);
    }

    /** {@code tc_calc_xmitsize}: bytes a rate sends in a tick count, as tc prints burst sizes. */
    static long xmitsize(long rateBytesPerSec, long ticks) {
        return toU32((double) rateBytesPerSec * tick2time(ticks) / USEC_PER_SEC);
    }

    /** PSCHED_NS2TICKS. */
    static long ns2ticks(long ns) {
        return ns >> PSCHED_SHIFT;
    }

    /** PSCHED_TICKS2NS. */
    static long ticks2ns(long ticks) {
        return ticks << PSCHED_SHIFT;
    }

    /** C's conversion of a non-negative double to unsigned int (truncation, wrapping past 2^32). */
    static long toU32(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return ((long) v) & 0xffff_ffffL;
    }

    // ---- parsing -----------------------------------------------------------------------

    /** The length of the longest prefix of {@code s} that C's {@code strtod} reads as a number (0: none). */
    static int numberPrefix(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expDigits = 0;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
                expDigits++;
            }
            if (expDigits > 0) {
                i = j;
            }
        }
        return i;
    }

    /** {@code get_size}: bytes, or -1. Units b, k/kb, m/mb, g/gb, kbit, mbit, gbit (binary, any case). */
    public static long parseSize(String text) {
        int p = numberPrefix(text);
        if (p == 0) {
            return -1;
        }
        double sz = Double.parseDouble(text.substring(0, p));
        String unit = text.substring(p).toLowerCase(Locale.ROOT);
        switch (unit) {
            case "" , "b" -> { }
            case "k", "kb" -> sz *= 1024;
            case "m", "mb" -> sz *= 1024 * 1024;
            case "g", "gb" -> sz *= 1024.0 * 1024 * 1024;
            case "kbit" -> sz *= 1024 / 8;
            case "mbit" -> sz *= 1024 * 1024 / 8;
            case "gbit" -> sz *= 1024 * 1024 * 1024 / 8;
            default -> {
                return -1;
            }
        }
        if (sz < 0 || sz > 0xffff_ffffL) {
            return -1;
        }
        return (long) sz;
    }

    /** {@code get_time}: microseconds (a bare number is microseconds), or -1. Units s/sec/secs, ms/msec/msecs, us/usec/usecs. */
    public static long parseTime(String text) {
        int p = numberPrefix(text);
        if (p == 0) {
            return -1;
        }
        double t = Double.parseDouble(text.substring(0, p));
        switch (text.substring(p).toLowerCase(Locale.ROOT)) {
            case "" -> { }
            case "s", "sec", "secs" -> t *= USEC_PER_SEC;
            case "ms", "msec", "msecs" -> t *= USEC_PER_SEC / 1000;
            case "us", "usec", "usecs" -> { }
            default -> {
                return -1;
            }
        }
        if (t < 0 || t > 0xffff_ffffL) {
            return -1;
        }
        return (long) t;
    }

    /** {@code get_time64}: nanoseconds (a bare number is nanoseconds), or -1. Units s, ms, us, ns. */
    public static long parseTime64(String text) {
        int p = numberPrefix(text);
        if (p == 0) {
            return -1;
        }
        double t = Double.parseDouble(text.substring(0, p));
        switch (text.substring(p).toLowerCase(Locale.ROOT)) {
            case "", "ns", "nsec", "nsecs" -> { }
            case "s", "sec", "secs" -> t *= 1e9;
            case "ms", "msec", "msecs" -> t *= 1e6;
            case "us", "usec", "usecs" -> t *= 1e3;
            default -> {
                return -1;
            }
        }
        if (t < 0 || t >= 0x1p63) {
            return -1;
        }
        return (long) t;
    }

    private record RateUnit(String name, double bits) {}

    private static final RateUnit[] RATE_UNITS = {
        new RateUnit("bit", 1), new RateUnit("kibit", 1024), new RateUnit("kbit", 1000),
        new RateUnit("mibit", 1024 * 1024), new RateUnit("mbit", 1_000_000),
        new RateUnit("gibit", 1024.0 * 1024 * 1024), new RateUnit("gbit", 1e9),
        new RateUnit("tibit", 1024.0 * 1024 * 1024 * 1024), new RateUnit("tbit", 1e12),
        new RateUnit("bps", 8), new RateUnit("kibps", 8 * 1024), new RateUnit("kbps", 8000),
        new RateUnit("mibps", 8.0 * 1024 * 1024), new RateUnit("mbps", 8e6),
        new RateUnit("gibps", 8.0 * 1024 * 1024 * 1024), new RateUnit("gbps", 8e9),
        new RateUnit("tibps", 8.0 * 1024 * 1024 * 1024 * 1024), new RateUnit("tbps", 8e12),
    };

    /**
     * {@code get_rate64}: bytes per second, or -1. A bare number is bits per second; units are
     * tc's (bit, kbit, mbit, gbit, tbit and the IEC kibit..., bps, kbps... for bytes), any case.
     */
    public static long parseRate(String text) {
        int p = numberPrefix(text);
        if (p == 0) {
            return -1;
        }
        double bps = Double.parseDouble(text.substring(0, p));
        String unit = text.substring(p).toLowerCase(Locale.ROOT);
        if (!unit.isEmpty()) {
            boolean found = false;
            for (RateUnit u : RATE_UNITS) {
                if (u.name.equals(unit)) {
                    bps *= u.bits;
                    found = true;
                    break;
                }
            }
            if (!found) {
                return -1;
            }
        }
        if (bps < 0) {
            return -1;
        }
        bps /= 8;
        if (bps >= 0x1p63) {
            return -1;
        }
        return (long) bps;
    }

    /** {@code get_u32(&v, text, 0)}: decimal, 0x hex or 0 octal, 0..2^32-1; -1 when refused. */
    public static long parseU32(String text) {
        try {
            long v;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                v = Long.parseLong(text.substring(2), 16);
            } else if (text.length() > 1 && text.startsWith("0")) {
                v = Long.parseLong(text.substring(1), 8);
            } else {
                v = Long.parseLong(text);
            }
            return v < 0 || v > 0xffff_ffffL ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * {@code parse_percent}: "30%" or "30" as the fraction 0.3; NaN when refused (outside
     * 0..100 or trailing text other than {@code %}).
     */
    static double parsePercent(String text) {
        int p = numberPrefix(text);
        double v = p == 0 ? 0 : Double.parseDouble(text.substring(0, p)) / 100.0;
        if (v > 1.0 || v < 0.0) {
            return Double.NaN;
        }
        String rest = text.substring(p);
        if (!rest.isEmpty() && !rest.equals("%")) {
            return Double.NaN;
        }
        return v;
    }

    /** netem's {@code set_percent}: a fraction as the u32 scale the kernel compares random numbers against. */
    static long percentToU32(double fraction) {
        return (long) Math.rint(fraction * 0xffff_ffffL);
    }
}
