package dev.weir.api.prog;

/**
 * What an {@link XdpProgram} returns: Linux's {@code enum xdp_action} values.
 *
 * <ul>
 *   <li>{@link #ABORTED}: drop, and count it as a program error: the frame is freed, the
 *       {@code xdp:xdp_exception} tracepoint fires, the device's {@code rx_xdp_aborted}-style
 *       counter rises. Also the verdict of a program that throws or runs out of budget.
 *   <li>{@link #DROP}: drop silently (the fast path of a DDoS filter); counted as an XDP drop.
 *   <li>{@link #PASS}: go on into the stack: an skb is built and GRO, tc ingress and the
 *       protocol layers follow.
 *   <li>{@link #TX}: send the (possibly rewritten) frame back out of the device it came in on.
 *   <li>{@link #REDIRECT}: send it to the device chosen by {@code redirect}/{@code redirectMap}
 *       earlier in this run; without such a call it is treated as {@link #ABORTED}.
 * </ul>
 * Any other value is treated as {@link #ABORTED}, as Linux treats an unknown action.
 */
public final class XdpAction {
    private XdpAction() {}

    public static final int ABORTED = 0;
    public static final int DROP = 1;
    public static final int PASS = 2;
    public static final int TX = 3;
    public static final int REDIRECT = 4;

    /** Linux's name ({@code XDP_PASS}), or {@code XDP_UNKNOWN(n)}. */
    public static String name(int action) {
        return switch (action) {
            case ABORTED -> "XDP_ABORTED";
            case DROP -> "XDP_DROP";
            case PASS -> "XDP_PASS";
            case TX -> "XDP_TX";
            case REDIRECT -> "XDP_REDIRECT";
            default -> "XDP_UNKNOWN(" + action + ")";
        };
    }

    /** True for the five defined actions. */
    public static boolean isValid(int action) {
        return action >= ABORTED && action <= REDIRECT;
    }
}
