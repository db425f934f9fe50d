package dev.weir.qdisc;

/**
 * Qdisc handles and class ids as tc writes them: a 32-bit value whose upper 16 bits are the
 * major (the qdisc) and lower 16 the minor (a class), printed in hex as {@code 8001:},
 * {@code 1:2}, {@code :1}; {@code root} is {@code ffff:ffff}. Parsing and printing follow tc's
 * {@code get_qdisc_handle}, {@code get_tc_classid} and {@code print_tc_classid}.
 */
final class Handles {
    static final int TC_H_ROOT = 0xffff_ffff;
    static final int TC_H_UNSPEC = 0;
    /** Returned by the parsers for text tc refuses. */
    static final long INVALID = -1;

    private Handles() {}

    static int major(int h) {
        return h & 0xffff_0000;
    }

    static int minor(int h) {
        return h & 0xffff;
    }

    static int make(int major, int minor) {
        return (major & 0xffff_0000) | (minor & 0xffff);
    }

    /** A qdisc's own handle as {@code tc qdisc show} prints it: the major in hex and a colon ({@code 8001:}, {@code 0:}). */
    static String format(int h) {
        return Integer.toHexString(h >>> 16) + ":";
    }

    /** {@code print_tc_classid}: a parent or class id ({@code 8001:1}, {@code :1}, {@code root}). */
    static String formatClassid(int h) {
        if (h == TC_H_ROOT) {
            return "root";
        }
        if (h == TC_H_UNSPEC) {
            return "none";
        }
        if (major(h) == 0) {
            return ":" + Integer.toHexString(minor(h));
        }
        if (minor(h) == 0) {
            return Integer.toHexString(major(h) >>> 16) + ":";
        }
        return Integer.toHexString(major(h) >>> 16) + ":" + Integer.toHexString(minor(h));
    }

    /** {@code get_qdisc_handle}: "none" or "maj:" / "maj" in hex, major below 0x10000. */
    static long parseQdiscHandle(String s) {
        if (s.equals("none")) {
            return 0;
        }
        int i = hexPrefix(s, 0);
        if (i == 0) {
            return INVALID;
        }
        long maj = parseHex(s.substring(0, i));
        if (maj < 0 || maj >= 0x1_0000) {
            return INVALID;
        }
        if (i < s.length() && s.charAt(i) != ':') {
            return INVALID;
        }
        return (maj << 16) & 0xffff_ffffL;
    }

    /** {@code get_tc_classid}: "root", "none", "maj:min", ":min", "maj:" or "maj" in hex. */
    static long parseClassid(String s) {
        if (s.equals("root")) {
            return TC_H_ROOT & 0xffff_ffffL;
        }
        if (s.equals("none")) {
            return 0;
        }
        int i = hexPrefix(s, 0);
        long maj = 0;
        if (i == 0) {
            if (s.isEmpty() || s.charAt(0) != ':') {
                return INVALID;
            }
        } else {
            maj = parseHex(s.substring(0, i));
        }
        if (i < s.length() && s.charAt(i) == ':') {
            if (maj < 0 || maj >= 0x1_0000) {
                return INVALID;
            }
            maj <<= 16;
            int j = hexPrefix(s, i + 1);
            long min = j == i + 1 ? 0 : parseHex(s.substring(i + 1, j));
            if (j != s.length() || min < 0 || min >= 0x1_0000) {
                return INVALID;
            }
            return maj | min;
        } else if (i != s.length()) {
            return INVALID;
        }
        return maj < 0 || maj > 0xffff_ffffL ? INVALID : maj;
    }

    private static int hexPrefix(String s, int from) {
        int i = from;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
            }
        }
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
            i++;
        }
        return i;
    }

    private static long parseHex(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (t.length() > 16) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The bucket of the device's qdisc hash table a handle falls in (Linux: 16 buckets,
     * {@code hash_32(handle, 4)} with the golden-ratio multiplier): tc lists a device's qdiscs
     * bucket by bucket, newest first within a bucket.
     */
    static int bucket(int handle) {
        return (handle * 0x61c88647) >>> 28;
    }
}
