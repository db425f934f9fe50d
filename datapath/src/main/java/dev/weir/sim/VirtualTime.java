package dev.weir.sim;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Virtual time is a {@code long} count of nanoseconds. This class formats it and parses the
 * durations written in topology files and commands ({@code 40ms}, {@code 1.5s}, {@code 100us},
 * {@code 250ns}, {@code 2m}), exactly: decimal fractions are converted without floating point.
 */
public final class VirtualTime {
    public static final long NANOSECOND = 1L;
    public static final long MICROSECOND = 1_000L;
    public static final long MILLISECOND = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)");

    private VirtualTime() {}

    /** Seconds with nine decimals: {@code 12345678901} gives {@code "12.345678901s"}. */
    public static String format(long nanos) {
        StringBuilder sb = new StringBuilder(24);
        long abs = nanos;
        if (nanos < 0) {
            sb.append('-');
            if (nanos == Long.MIN_VALUE) {
                return "-9223372036.854775808s";
            }
            abs = -nanos;
        }
        long frac = abs % SECOND;
        sb.append(abs / SECOND).append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < 9; i++) {
            sb.append('0');
        }
        return sb.append(f).append('s').toString();
    }

    /**
     * Parses a duration: a non-negative decimal number followed by a unit, {@code ns}, {@code us}
     * (or {@code µs}), {@code ms}, {@code s}, {@code m} (or {@code min}) or {@code h}, with
     * optional blanks between them and around. A bare {@code 0} is accepted.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration, is not a whole
     *     number of nanoseconds, or does not fit in a {@code long}
     */
    public static long parseDuration(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing duration (null); expected a number and a unit, e.g. 40ms or 1.5s");
        }
        String t = text.strip();
        if (t.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text
                    + "': expected a non-negative number and a unit (ns, us, ms, s, m, h), e.g. 40ms, 1.5s, 100us");
        }
        long unit = switch (m.group(2)) {
            case "ns" -> NANOSECOND;
            case "us", "µs" -> MICROSECOND;
            case "ms" -> MILLISECOND;
            case "s" -> SECOND;
            case "m", "min" -> MINUTE;
            case "h" -> HOUR;
            default -> throw new AssertionError(m.group(2));
        };
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return ns.longValueExact();
        } catch (ArithmeticException e) {
            String why = ns.stripTrailingZeros().scale() > 0 ? "is not a whole number of nanoseconds" : "is too long for the clock (at most about 292 years)";
            throw new IllegalArgumentException("bad duration '" + text + "': " + why);
        }
    }
}
