package dev.weir.api.wire;

/**
 * TCP sequence-number comparisons in serial-number arithmetic (RFC 1982 with
 * {@code SERIAL_BITS = 32}; RFC 9293 section 3.4: "all arithmetic dealing with sequence numbers
 * must be performed modulo 2**32").
 *
 * <p>Sequence numbers are the raw 32 bits as a Java {@code int}, as {@link TcpPacket} returns
 * them. {@code a} is before {@code b} when {@code b} lies less than 2<sup>31</sup> ahead of it,
 * which is Linux's {@code before(a, b)}: {@code (s32)(a - b) < 0}. RFC 1982 leaves the
 * comparison undefined when the two are exactly 2<sup>31</sup> apart; here, as in Linux, each is
 * then "before" the other, so code must not rely on that case.
 */
public final class TcpSeq {
    private TcpSeq() {}

    /** {@code a} comes strictly before {@code b}. */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** {@code a} comes before {@code b} or equals it. */
    public static boolean leq(int a, int b) {
        return a - b <= 0;
    }

    /** {@code a} comes strictly after {@code b}. */
    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    /** {@code a} comes after {@code b} or equals it. */
    public static boolean geq(int a, int b) {
        return a - b >= 0;
    }

    /**
     * {@code low <= seq <= high} in sequence space, both ends included, measured forward from
     * {@code low} (Linux's {@code between(seq, low, high)}, with the arguments in reading order).
     * The window may wrap past 2<sup>32</sup>; a window with {@code high} before {@code low} holds
     * everything from {@code low} around to {@code high}.
     */
    public static boolean between(int low, int seq, int high) {
        return Integer.compareUnsigned(seq - low, high - low) <= 0;
    }

    /**
     * How far {@code a} lies after {@code b}: negative when before. Meaningful while the two are
     * less than 2<sup>31</sup> apart (bytes in flight, a window, a SACK block's length).
     */
    public static int diff(int a, int b) {
        return a - b;
    }
}
