package dev.weir.route;

import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.Args;
import dev.weir.core.CommandException;

/**
 * iproute2's ways of reading words and failing ({@code utils.c}): {@code NEXT_ARG},
 * {@code invarg}, {@code duparg}, {@code get_addr}, {@code get_prefix}, with their messages
 * and exit codes (1 for a bad address or prefix, 255 for everything {@code exit(-1)} ends).
 */
final class IpParse {
    private IpParse() {}

    /** An address or prefix as read: family 0 when "default"/"all"/"any" was given without one. */
    record Inet(int family, long hi, long lo, int len, boolean lenGiven, boolean any) {
        int v4() {
            return (int) lo;
        }

        Ipv6Address v6() {
            return new Ipv6Address(hi, lo);
        }
    }

    /** {@code NEXT_ARG()}. */
    static String next(Args a) {
        if (!a.hasNext()) {
            throw new CommandException(255, "Command line is not complete. Try option \"help\"");
        }
        return a.next();
    }

    /** {@code invarg(msg, arg)}: msg usually ends in a newline, which iproute2 prints as given. */
    static CommandException invarg(String msg, String arg) {
        // iproute2 prints msg and a newline; most messages end in "\n" themselves, hence an empty line.
        return new CommandException(255, "Error: argument \"" + arg + "\" is wrong: " + msg);
    }

    /** {@code duparg2(key, arg)}. */
    static CommandException duparg2(String key, String arg) {
        return new CommandException(255, "Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }

    /** {@code duparg(key, arg)}. */
    static CommandException duparg(String key, String arg) {
        return new CommandException(255, "Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    /** {@code nodev(dev)}: returns -1, which ip turns into exit status 1. */
    static CommandException nodev(String dev) {
        return new CommandException(1, "Cannot find device \"" + dev + "\"");
    }

    /** Something iproute2 and Linux accept that Weir does not model. */
    static CommandException unsupported(String what) {
        return new CommandException(255, "Error: " + what + " is not supported by Weir.");
    }

    static String familyVerbose(int family) {
        return switch (family) {
            case Addr.V4 -> "inet";
            case Addr.V6 -> "inet6";
            default -> "any valid";
        };
    }

    /** {@code get_addr}: exit 1 with "Error: FAMILY address is expected rather than ..." on failure. */
    static Inet addr(String text, int family) {
        Inet a = addr1(text, family);
        if (a == null) {
            throw new CommandException(1, "Error: " + familyVerbose(family) + " address is expected rather than \"" + text + "\".");
        }
        return a;
    }

    /** {@code get_prefix}: exit 1 with "Error: FAMILY prefix is expected rather than ..." on failure. */
    static Inet prefix(String text, int family) {
        Inet p = prefix1(text, family);
        if (p == null) {
            throw new CommandException(1, "Error: " + familyVerbose(family) + " prefix is expected rather than \"" + text + "\".");
        }
        return p;
    }

    /** {@code get_prefix_1}, or null. */
    static Inet prefix1(String text, int family) {
        if (text.equals("default") || text.equals("any") || text.equals("all")) {
            return new Inet(family, 0, 0, 0, true, true);
        }
        int slash = text.indexOf('/');
        Inet a = addr1(slash < 0 ? text : text.substring(0, slash), family);
        if (a == null || a.any()) {
            return a == null ? null : new Inet(a.family(), 0, 0, 0, slash >= 0, true);
        }
        int max = Addr.maxLen(a.family());
        if (slash < 0) {
            return new Inet(a.family(), a.hi(), a.lo(), max, false, false);
        }
        int len = netmask(text.substring(slash + 1));
        if (len < 0 || len > max) {
            return null;
        }
        return new Inet(a.family(), a.hi(), a.lo(), len, true, false);
    }

    /** {@code get_netmask}: a length, or a dotted IPv4 mask; -1 if neither. */
    private static int netmask(String s) {
        long v = RtNames.parseUnsigned(s);
        if (v >= 0) {
            return v > Integer.MAX_VALUE ? -1 : (int) v;
        }
        long[] m = ipv4(s);
        if (m == null) {
            return -1;
        }
        int mask = (int) m[0];
        int len = Integer.bitCount(mask);
        return mask == (len == 0 ? 0 : -1 << (32 - len)) ? len : -1;
    }

    /** {@code get_addr_1}, or null. */
    static Inet addr1(String text, int family) {
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return new Inet(family, 0, 0, 0, false, true);
        }
        if (text.indexOf(':') >= 0) {
            if (family != 0 && family != Addr.V6) {
                return null;
            }
            if (text.indexOf('%') >= 0 || text.indexOf('/') >= 0) {
                return null;
            }
            try {
                Ipv6Address a = Ipv6Address.parse(text);
                return new Inet(Addr.V6, a.hi(), a.lo(), 128, false, false);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (family != 0 && family != Addr.V4) {
            return null;
        }
        long[] v = ipv4(text);
        return v == null ? null : new Inet(Addr.V4, 0, v[0], 32, false, false);
    }

    /** {@code get_addr_ipv4}: up to four strtoul(.., 0) parts, missing trailing parts 0 ("10/8" is 10.0.0.0). */
    private static long[] ipv4(String s) {
        long addr = 0;
        int pos = 0;
        int i;
        for (i = 0; i < 4; i++) {
            int end = pos;
            while (end < s.length() && s.charAt(end) != '.') {
                end++;
            }
            String part = s.substring(pos, end);
            long n = leadingNumber(part);
            if (n < 0 || n > 255) {
                return null;
            }
            addr |= n << (24 - 8 * i);
            if (end == s.length()) {
                break;
            }
            if (i == 3) {
                return null;
            }
            pos = end + 1;
        }
        return new long[] {addr};
    }

    /** strtoul(.., 0) over a whole word: -1 when it has trailing garbage or no digits. */
    private static long leadingNumber(String part) {
        if (part.isEmpty() || !Character.isDigit(part.charAt(0))) {
            return -1;
        }
        return RtNames.parseUnsigned(part);
    }

    /** {@code get_u32(.., 0)} or invarg with {@code msg}. */
    static long u32(String text, String msg) {
        long v = RtNames.parseU32(text);
        if (v < 0) {
            throw invarg(msg, text);
        }
        return v;
    }
}
