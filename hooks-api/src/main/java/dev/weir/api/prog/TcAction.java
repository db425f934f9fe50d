package dev.weir.api.prog;

/**
 * What a {@link TcProgram} returns: Linux's {@code TC_ACT_*} values, as a {@code direct-action}
 * clsact program returns them.
 *
 * <ul>
 *   <li>{@link #UNSPEC}: no opinion: the next program on the hook runs, then the default
 *       (the packet goes on).
 *   <li>{@link #OK}: let the packet go on (ingress: into the stack; egress: to the qdisc).
 *   <li>{@link #RECLASSIFY}: restart classification on this hook (runs the chain again; as in
 *       Linux, a loop is cut after a limit and the packet dropped).
 *   <li>{@link #SHOT}: drop the packet, counted as {@code TC_INGRESS}/{@code TC_EGRESS} drop
 *       reason. Also the verdict of a program that throws or runs out of budget.
 *   <li>{@link #PIPE}: go on to the next program (treated as {@link #UNSPEC} for the last one).
 *   <li>{@link #STOLEN}: the program consumed the packet; it goes no further and is not counted
 *       as a drop.
 *   <li>{@link #QUEUED}, {@link #REPEAT}: as {@link #STOLEN} here (Linux uses them inside the
 *       classifier framework).
 *   <li>{@link #REDIRECT}: send the packet where {@code redirect} chose in this run (egress of
 *       a device, or its ingress with {@code SkbContext.F_INGRESS}); without such a call: SHOT.
 * </ul>
 * Other values are treated as {@link #UNSPEC}, as Linux's {@code tcx} does.
 */
public final class TcAction {
    private TcAction() {}

    public static final int UNSPEC = -1;
    public static final int OK = 0;
    public static final int RECLASSIFY = 1;
    public static final int SHOT = 2;
    public static final int PIPE = 3;
    public static final int STOLEN = 4;
    public static final int QUEUED = 5;
    public static final int REPEAT = 6;
    public static final int REDIRECT = 7;

    /** Linux's name ({@code TC_ACT_OK}), or {@code TC_ACT_UNKNOWN(n)}. */
    public static String name(int action) {
        return switch (action) {
            case UNSPEC -> "TC_ACT_UNSPEC";
            case OK -> "TC_ACT_OK";
            case RECLASSIFY -> "TC_ACT_RECLASSIFY";
            case SHOT -> "TC_ACT_SHOT";
            case PIPE -> "TC_ACT_PIPE";
            case STOLEN -> "TC_ACT_STOLEN";
            case QUEUED -> "TC_ACT_QUEUED";
            case REPEAT -> "TC_ACT_REPEAT";
            case REDIRECT -> "TC_ACT_REDIRECT";
            default -> "TC_ACT_UNKNOWN(" + action + ")";
        };
    }
}
