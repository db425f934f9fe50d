package dev.weir.api.prog;

/**
 * What a {@link NetfilterProgram} returns: Linux's {@code NF_*} verdicts.
 *
 * <ul>
 *   <li>{@link #ACCEPT}: go on to the next hook function (by priority), then the stack.
 *   <li>{@link #DROP}: drop, counted with drop reason {@code NETFILTER_DROP}. Also the verdict
 *       of a program that throws or runs out of budget.
 *   <li>{@link #STOLEN}: the program took the packet; it goes no further, not counted as a drop.
 *   <li>{@link #QUEUE}: hand to a user-space queue; Weir has none, so it is dropped as Linux
 *       drops when no queue listens (counted).
 *   <li>{@link #REPEAT}: call this hook function again (cut after a limit, then dropped).
 *   <li>{@link #STOP}: accept and skip the remaining hook functions of this hook (deprecated in
 *       Linux, kept for completeness).
 * </ul>
 * BPF netfilter programs in Linux may return only DROP and ACCEPT; Weir lets all six through
 * the verdict check and treats unknown values as DROP.
 */
public final class NfVerdict {
    private NfVerdict() {}

    public static final int DROP = 0;
    public static final int ACCEPT = 1;
    public static final int STOLEN = 2;
    public static final int QUEUE = 3;
    public static final int REPEAT = 4;
    public static final int STOP = 5;

    /** Linux's name ({@code NF_ACCEPT}), or {@code NF_UNKNOWN(n)}. */
    public static String name(int verdict) {
        return switch (verdict) {
            case DROP -> "NF_DROP";
            case ACCEPT -> "NF_ACCEPT";
            case STOLEN -> "NF_STOLEN";
            case QUEUE -> "NF_QUEUE";
            case REPEAT -> "NF_REPEAT";
            case STOP -> "NF_STOP";
            default -> "NF_UNKNOWN(" + verdict + ")";
        };
    }
}
