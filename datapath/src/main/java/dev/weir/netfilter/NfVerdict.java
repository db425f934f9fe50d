package dev.weir.netfilter;

/**
 * What a hook callback decides for a packet, with Linux's {@code NF_*} numbers.
 *
 * <ul>
 *   <li>{@link #ACCEPT}: go on with the next callback; after the last, the packet continues
 *       its path (the stage's "finish" half runs).
 *   <li>{@link #DROP}: the packet is dropped, counted under {@code NETFILTER_DROP}. The callback
 *       must not free it itself.
 *   <li>{@link #STOLEN}: the callback took the packet: it now owns it and must free, consume or
 *       re-send it. Nothing more happens to it here.
 *   <li>{@link #QUEUE}: hand to a user-space queue ({@code NFQUEUE}). Weir has no queue handler,
 *       so it is dropped as Linux drops a queued packet when no program listens on the queue
 *       (under {@code NETFILTER_DROP}, and counted in {@link Netfilter#queueDrops()}).
 *   <li>{@link #REPEAT}: call the same callback again (Linux before 4.x did this in
 *       {@code nf_iterate}). Bounded by {@link Netfilter#MAX_REPEATS}: a callback that keeps
 *       answering REPEAT has its packet dropped and counted in {@link Netfilter#repeatDrops()}.
 *   <li>{@link #STOP}: accept without running the callbacks after this one.
 * </ul>
 * Any other value is a bug in the callback: the packet is dropped and counted in
 * {@link Netfilter#invalidVerdicts()}.
 */
public final class NfVerdict {
    private NfVerdict() {}

    public static final int DROP = 0;
    public static final int ACCEPT = 1;
    public static final int STOLEN = 2;
    public static final int QUEUE = 3;
    public static final int REPEAT = 4;
    public static final int STOP = 5;

    public static String name(int verdict) {
        return switch (verdict) {
            case DROP -> "DROP";
            case ACCEPT -> "ACCEPT";
            case STOLEN -> "STOLEN";
            case QUEUE -> "QUEUE";
            case REPEAT -> "REPEAT";
            case STOP -> "STOP";
            default -> "verdict " + verdict;
        };
    }
}
