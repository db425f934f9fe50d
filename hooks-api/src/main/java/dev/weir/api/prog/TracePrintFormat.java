package dev.weir.api.prog;

import dev.weir.api.maps.UserSpaceOnly;

/**
 * The format language of {@link Helpers#tracePrint}, checked and applied on the user-space side
 * (the trace pipe formats a line when it is read, so a printing program allocates nothing).
 *
 * <p>Conversions, as {@code bpf_trace_printk} takes them: {@code %d %i %u %x %X %c} with
 * optional flags {@code -} and {@code 0}, a width, and a length modifier {@code hh h l ll}
 * (without {@code l} the argument is taken as 32 bits, as in C; {@code h}/{@code hh} as 16/8);
 * {@code %pI4} prints the low 32 bits as a dotted IPv4 address; {@code %%} a percent sign. At
 * most three conversions, consuming the arguments in order.
 */
public final class TracePrintFormat {
    private TracePrintFormat() {}

    /** Most conversions in one format. */
    public static final int MAX_ARGS = 3;

    /** Why {@code fmt} is not a valid format (naming the position), or null when it is. */
    @UserSpaceOnly
    public static String problem(String fmt) {
        if (fmt == null) {
            return "trace format is null";
        }
        int args = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                continue;
            }
            int start = i - 1;
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                i++;
                continue;
            }
            int end = conversionEnd(fmt, i);
            if (end < 0) {
                return "trace format \"" + fmt + "\": bad conversion at index " + start
                        + " (allowed: %d %i %u %x %X %c with flags -0, width, hh/h/l/ll; %pI4; %%)";
            }
            if (++args > MAX_ARGS) {
                return "trace format \"" + fmt + "\": more than " + MAX_ARGS + " conversions (the 4th at index " + start + ")";
            }
            i = end;
        }
        return null;
    }

    /** Index just past the conversion whose '%' precedes {@code i}, or -1 when invalid. */
    private static int conversionEnd(String f, int i) {
        if (f.startsWith("pI4", i)) {
            return i + 3;
        }
        while (i < f.length() && (f.charAt(i) == '-' || f.charAt(i) == '0')) {
            i++;
        }
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
            i++;
        }
        if (f.startsWith("ll", i) || f.startsWith("hh", i)) {
            i += 2;
        } else if (i < f.length() && (f.charAt(i) == 'l' || f.charAt(i) == 'h')) {
            i++;
        }
        if (i < f.length() && "diuxXc".indexOf(f.charAt(i)) >= 0) {
            return i + 1;
        }
        return -1;
    }

    /**
     * The text of {@code fmt} applied to {@code a}, {@code b}, {@code c}.
     *
     * @throws IllegalArgumentException with {@link #problem} when the format is invalid
     */
    @UserSpaceOnly
    public static String format(String fmt, long a, long b, long c) {
        String p = problem(fmt);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        long[] args = {a, b, c};
        int next = 0;
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int i = 0;
        while (i < fmt.length()) {
            char ch = fmt.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            long v = args[next++];
            if (fmt.startsWith("pI4", i)) {
                out.append((v >>> 24) & 0xff).append('.').append((v >>> 16) & 0xff).append('.')
                        .append((v >>> 8) & 0xff).append('.').append(v & 0xff);
                i += 3;
                continue;
            }
            boolean left = false;
            boolean zero = false;
            while (fmt.charAt(i) == '-' || fmt.charAt(i) == '0') {
                left |= fmt.charAt(i) == '-';
                zero |= fmt.charAt(i) == '0';
                i++;
            }
            int width = 0;
            while (Character.isDigit(fmt.charAt(i))) {
                width = width * 10 + (fmt.charAt(i++) - '0');
            }
            int bits = 32;
            if (fmt.startsWith("ll", i)) {
                bits = 64;
                i += 2;
            } else if (fmt.startsWith("hh", i)) {
                bits = 8;
                i += 2;
            } else if (fmt.charAt(i) == 'l') {
                bits = 64;
                i++;
            } else if (fmt.charAt(i) == 'h') {
                bits = 16;
                i++;
            }
            char conv = fmt.charAt(i++);
            long unsigned = bits == 64 ? v : v & ((1L << bits) - 1);
            long signed = bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
            String s = switch (conv) {
                case 'd', 'i' -> Long.toString(signed);
                case 'u' -> Long.toUnsignedString(unsigned);
                case 'x' -> Long.toHexString(unsigned);
                case 'X' -> Long.toHexString(unsigned).toUpperCase(java.util.Locale.ROOT);
                default -> String.valueOf((char) (v & 0xff));
            };
            pad(out, s, width, left, zero && !left && conv != 'c');
        }
        return out.toString();
    }

    private static void pad(StringBuilder out, String s, int width, boolean left, boolean zero) {
        int fill = width - s.length();
        if (left) {
            out.append(s);
            out.repeat(' ', Math.max(fill, 0));
        } else if (zero && s.startsWith("-")) {
            out.append('-');
            out.repeat('0', Math.max(fill, 0));
            out.append(s, 1, s.length());
        } else {
            out.repeat(zero ? '0' : ' ', Math.max(fill, 0));
            out.append(s);
        }
    }
}
