package dev.weir.route;

import java.util.Locale;

/**
 * The names iproute2 gives numbers (its {@code rt_names.c} with the stock
 * {@code /etc/iproute2} tables: {@code rt_tables}, {@code rt_protos}, {@code rt_scopes},
 * {@code rt_dsfield}), and its way of reading words: {@link #matches} for abbreviated keywords
 * and {@link #parseU32} for numbers as {@code strtoul(..., 0)} reads them (0x hex, leading-0
 * octal).
 */
public final class RtNames {
    public static final int TABLE_UNSPEC = 0;
    public static final int TABLE_DEFAULT = 253;
    public static final int TABLE_MAIN = 254;
    public static final int TABLE_LOCAL = 255;

    public static final int PROTO_UNSPEC = 0;
    public static final int PROTO_REDIRECT = 1;
    public static final int PROTO_KERNEL = 2;
    public static final int PROTO_BOOT = 3;
    public static final int PROTO_STATIC = 4;
    public static final int PROTO_RA = 9;
    public static final int PROTO_DHCP = 16;

    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_SITE = 200;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;
    public static final int SCOPE_NOWHERE = 255;

    private static final String[] PROTOS = new String[256];
    private static final String[] DSFIELD = new String[256];

    static {
        String[][] protos = {
            {"0", "unspec"}, {"1", "redirect"}, {"2", "kernel"}, {"3", "boot"}, {"4", "static"}, {"8", "gated"},
            {"9", "ra"}, {"10", "mrt"}, {"11", "zebra"}, {"12", "bird"}, {"13", "dnrouted"}, {"14", "xorp"},
            {"15", "ntk"}, {"16", "dhcp"}, {"18", "keepalived"}, {"42", "babel"}, {"99", "openr"}, {"186", "bgp"},
            {"187", "isis"}, {"188", "ospf"}, {"189", "rip"}, {"192", "eigrp"},
        };
        for (String[] p : protos) {
            PROTOS[Integer.parseInt(p[0])] = p[1];
        }
        String[][] ds = {
            {"0", "default"}, {"40", "AF11"}, {"48", "AF12"}, {"56", "AF13"}, {"72", "AF21"}, {"80", "AF22"},
            {"88", "AF23"}, {"104", "AF31"}, {"112", "AF32"}, {"120", "AF33"}, {"136", "AF41"}, {"144", "AF42"},
            {"152", "AF43"}, {"32", "CS1"}, {"64", "CS2"}, {"96", "CS3"}, {"128", "CS4"}, {"160", "CS5"},
            {"192", "CS6"}, {"224", "CS7"}, {"184", "EF"},
        };
        for (String[] d : ds) {
            DSFIELD[Integer.parseInt(d[0])] = d[1];
        }
    }

    private RtNames() {}

    /**
     * iproute2's {@code matches(word, keyword) == 0}: {@code word} is a non-empty prefix of
     * {@code keyword} ("r" and "ro" match "route").
     */
    public static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }

    /** A number as {@code get_u32(..., 0)} reads it, or -1 when the word is not one (or exceeds 32 bits). */
    public static long parseU32(String s) {
        long v = parseUnsigned(s);
        return v > 0xffff_ffffL ? -1 : v;
    }

    /** {@code strtoul(s, &end, 0)} that must consume the whole word; -1 if it does not or overflows 64 bits. */
    static long parseUnsigned(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        int radix = 10;
        int i = 0;
        if (s.length() > 1 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            radix = 16;
            i = 2;
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            i = 1;
        }
        if (i >= s.length()) {
            return radix == 16 ? -1 : 0;
        }
        long v = 0;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xffff_ffff_ffffL) {
                return -1;
            }
        }
        return v;
    }

    // ---- tables ----

    /** {@code rtnl_rttable_n2a}. */
    public static String tableName(long id) {
        return switch ((int) id) {
            case TABLE_LOCAL -> "local";
            case TABLE_MAIN -> "main";
            case TABLE_DEFAULT -> "default";
            case TABLE_UNSPEC -> "unspec";
            default -> Long.toString(id & 0xffff_ffffL);
        };
    }

    /** {@code rtnl_rttable_a2n}: a table name or number, -1 if neither. */
    public static long parseTable(String s) {
        return switch (s) {
            case "local" -> TABLE_LOCAL;
            case "main" -> TABLE_MAIN;
            case "default" -> TABLE_DEFAULT;
            case "unspec" -> TABLE_UNSPEC;
            default -> parseU32(s);
        };
    }

    // ---- protocols ----

    /** {@code rtnl_rtprot_n2a}. */
    public static String protoName(int proto) {
        String n = proto >= 0 && proto < 256 ? PROTOS[proto] : null;
        return n != null ? n : Integer.toString(proto);
    }

    /** {@code rtnl_rtprot_a2n}: a protocol name or number 0..255, -1 if neither. */
    public static int parseProto(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(PROTOS[i])) {
                return i;
            }
        }
        long v = parseU32(s);
        return v >= 0 && v <= 255 ? (int) v : -1;
    }

    // ---- scopes ----

    /** {@code rtnl_rtscope_n2a}. */
    public static String scopeName(int scope) {
        return switch (scope) {
            case SCOPE_UNIVERSE -> "global";
            case SCOPE_SITE -> "site";
            case SCOPE_LINK -> "link";
            case SCOPE_HOST -> "host";
            case SCOPE_NOWHERE -> "nowhere";
            default -> Integer.toString(scope);
        };
    }

    /** {@code rtnl_rtscope_a2n}: a scope name or number 0..255, -1 if neither. */
    public static int parseScope(String s) {
        return switch (s) {
            case "global", "universe" -> SCOPE_UNIVERSE;
            case "site" -> SCOPE_SITE;
            case "link" -> SCOPE_LINK;
            case "host" -> SCOPE_HOST;
            case "nowhere" -> SCOPE_NOWHERE;
            default -> {
                long v = parseU32(s);
                yield v >= 0 && v <= 255 ? (int) v : -1;
            }
        };
    }

    // ---- route types ----

    /**
     * {@code rtnl_rtntype_a2n}, with its abbreviations ("multi", "unreach", "black"; "x" is
     * xresolve, so {@code ip route add x ...} reads "x" as a type): the type, or null.
     */
    public static RouteType parseType(String s) {
        if (s.equals("local")) {
            return RouteType.LOCAL;
        } else if (s.equals("nat")) {
            return RouteType.NAT;
        } else if (matches(s, "broadcast") || s.equals("brd")) {
            return RouteType.BROADCAST;
        } else if (matches(s, "anycast")) {
            return RouteType.ANYCAST;
        } else if (matches(s, "multicast")) {
            return RouteType.MULTICAST;
        } else if (matches(s, "prohibit")) {
            return RouteType.PROHIBIT;
        } else if (matches(s, "unreachable")) {
            return RouteType.UNREACHABLE;
        } else if (matches(s, "blackhole")) {
            return RouteType.BLACKHOLE;
        } else if (matches(s, "xresolve")) {
            return RouteType.XRESOLVE;
        } else if (matches(s, "unicast")) {
            return RouteType.UNICAST;
        } else if (s.equals("throw")) {
            return RouteType.THROW;
        }
        long v = parseU32(s);
        return v >= 0 ? RouteType.ofNumber((int) v) : null;
    }

    // ---- dsfield (tos) ----

    /** {@code rtnl_dsfield_n2a}: a name from rt_dsfield, else {@code 0x%02x}. */
    public static String dsfieldName(int tos) {
        String n = tos >= 0 && tos < 256 ? DSFIELD[tos] : null;
        return n != null ? n : String.format(Locale.ROOT, "0x%02x", tos);
    }

    /** {@code rtnl_dsfield_a2n}: a name or a number (read as hex, as iproute2 does), -1 if neither. */
    public static int parseDsfield(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(DSFIELD[i])) {
                return i;
            }
        }
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        try {
            int v = Integer.parseInt(t, 16);
            return v >= 0 && v <= 255 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
