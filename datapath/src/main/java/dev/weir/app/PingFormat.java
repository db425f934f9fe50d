package dev.weir.app;

import dev.weir.api.wire.Ipv4Address;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How iputils' ping writes its numbers and ICMP messages: the reply time with a precision that
 * falls as it grows ({@code gather_statistics}), C's {@code %g} for the loss, the
 * {@code %ld.%03ld} of the statistics, the integer square root of the deviation, and the texts
 * of {@code pr_icmph} (IPv4) and {@code print_icmp} (IPv6).
 */
final class PingFormat {
    private PingFormat() {}

    /**
     * A round-trip time of {@code us} microseconds as ping prints it after {@code time=}: three
     * decimals under 1 ms ({@code 0.045}), two under 10 ms ({@code 4.12}, rounded), one under
     * 100 ms ({@code 12.3}), none above ({@code 104}); the boundaries are iputils' (9995 us prints
     * {@code 10.0}, 99950 us {@code 100}).
     */
    static String time(long us) {
        if (us >= 100_000 - 50) {
            return Long.toString((us + 500) / 1000);
        }
        if (us >= 10_000 - 5) {
            return (us + 50) / 1000 + "." + ((us + 50) % 1000) / 100;
        }
        if (us >= 1000) {
            return (us + 5) / 1000 + "." + pad2(((us + 5) % 1000) / 10);
        }
        return us / 1000 + "." + pad3(us % 1000);
    }

    /** {@code %ld.%03ld} of microseconds as milliseconds (the statistics line). */
    static String ms3(long us) {
        return us / 1000 + "." + pad3(us % 1000);
    }

    private static String pad2(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    private static String pad3(long v) {
        return v < 10 ? "00" + v : v < 100 ? "0" + v : Long.toString(v);
    }

    /** C's {@code printf("%g", v)}: six significant digits, trailing zeros dropped ({@code 33.3333}, {@code 25}, {@code 0}). */
    static String g(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String m = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
            return m + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    /** iputils' {@code llsqrt}: Newton's integer square root. */
    static long llsqrt(long a) {
        long prev = Long.MAX_VALUE;
        long x = a;
        if (x > 0) {
            while (x < prev) {
                prev = x;
                x = (x + (a / x)) / 2;
            }
        }
        return x;
    }

    private static final String[] UNREACH4 = {
        "Destination Net Unreachable", "Destination Host Unreachable", "Destination Protocol Unreachable",
        "Destination Port Unreachable", null, "Source Route Failed", "Destination Net Unknown", "Destination Host Unknown",
        "Source Host Isolated", "Destination Net Prohibited", "Destination Host Prohibited",
        "Destination Net Unreachable for Type of Service", "Destination Host Unreachable for Type of Service", "Packet filtered",
        "Precedence Violation", "Precedence Cutoff"};

    private static final String[] REDIRECT4 = {
        "Redirect Network", "Redirect Host", "Redirect Type of Service and Network", "Redirect Type of Service and Host"};

    /** {@code pr_icmph} for an ICMP error read from the error queue ({@code info} is {@code ee_info}). */
    static String icmp4(int type, int code, int info) {
        return switch (type) {
            case 0 -> "Echo Reply";
            case 3 -> code == 4 ? "Frag needed and DF set (mtu = " + Integer.toUnsignedString(info) + ")"
                    : code < UNREACH4.length ? UNREACH4[code] : "Dest Unreachable, Bad Code: " + code;
            case 4 -> "Source Quench";
            case 5 -> (code < REDIRECT4.length ? REDIRECT4[code] : "Redirect, Bad Code: " + code)
                    + "(New nexthop: " + Ipv4Address.toString(Integer.reverseBytes(info)) + ")";
            case 8 -> "Echo Request";
            case 11 -> code == 0 ? "Time to live exceeded" : code == 1 ? "Frag reassembly time exceeded" : "Time exceeded, Bad Code: " + code;
            case 12 -> "Parameter problem: pointer = " + Integer.toUnsignedString(info);
            case 13 -> "Timestamp";
            case 14 -> "Timestamp Reply";
            case 15 -> "Information Request";
            case 16 -> "Information Reply";
            case 17 -> "Address Mask Request";
            case 18 -> "Address Mask Reply";
            default -> "Bad ICMP type: " + type;
        };
    }

    private static final String[] UNREACH6 = {
        "No route", "Administratively prohibited", "Beyond scope of source address", "Address unreachable", "Port unreachable",
        "Source address failed ingress/egress policy", "Reject route to destination"};

    /** {@code print_icmp}: an ICMPv6 error. */
    static String icmp6(int type, int code, int info) {
        return switch (type) {
            case 1 -> "Destination unreachable: " + (code < UNREACH6.length ? UNREACH6[code] : "Unknown code " + code);
            case 2 -> "Packet too big: mtu=" + Integer.toUnsignedString(info) + (code != 0 ? ", code=" + code : "");
            case 3 -> "Time exceeded: " + (code == 0 ? "Hop limit" : code == 1 ? "Defragmentation failure" : "code " + code);
            case 4 -> "Parameter problem: " + (code == 0 ? "Wrong header field " : code == 1 ? "Unknown header " : code == 2
                    ? "Unknown option " : "code " + code + " ") + "at " + Integer.toUnsignedString(info);
            case 128 -> "Echo request";
            case 129 -> "Echo reply";
            case 130 -> "MLD Query";
            case 131 -> "MLD Report";
            case 132 -> "MLD Reduction";
            default -> "unknown icmp type: " + type;
        };
    }
}
