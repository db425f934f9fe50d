package dev.weir.neigh;

/**
 * Neighbour Unreachability Detection states (Linux's {@code NUD_*}), one bit each so a filter is
 * a mask, with the groups the state machine tests.
 *
 * <pre>
 *   NONE --use--&gt; INCOMPLETE --reply--&gt; REACHABLE --reachable_time--&gt; STALE
 *                  | ucast+app+mcast probes, no reply      ^                 | use
 *                  v                                       | confirm/reply   v
 *                FAILED &lt;--ucast probes, no reply-- PROBE &lt;--delay_first_probe_time-- DELAY
 * </pre>
 * NOARP and PERMANENT entries never change on their own.
 */
public final class Nud {
    private Nud() {}

    public static final int NONE = 0x00;
    public static final int INCOMPLETE = 0x01;
    public static final int REACHABLE = 0x02;
    public static final int STALE = 0x04;
    public static final int DELAY = 0x08;
    public static final int PROBE = 0x10;
    public static final int FAILED = 0x20;
    public static final int NOARP = 0x40;
    public static final int PERMANENT = 0x80;

    /** States with a running timer. */
    public static final int IN_TIMER = INCOMPLETE | REACHABLE | DELAY | PROBE;
    /** States with a usable link-layer address. */
    public static final int VALID = PERMANENT | NOARP | REACHABLE | PROBE | STALE | DELAY;
    /** States whose address is known good without checking. */
    public static final int CONNECTED = PERMANENT | NOARP | REACHABLE;

    private static final int[] BITS = {INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, NOARP, PERMANENT};
    private static final String[] NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT"};

    /** The names {@code ip neigh} prints for the bits of {@code state}, each followed by a space; "" for NONE. */
    public static String names(int state) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((state & BITS[i]) != 0) {
                sb.append(NAMES[i]).append(' ');
            }
        }
        return sb.toString();
    }

    /** The state a name ({@code ip neigh ... nud NAME}, any case) means, or -1; "none" is NONE. */
    public static int parse(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        if (n.equals("NONE")) {
            return NONE;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return BITS[i];
            }
        }
        return -1;
    }
}
