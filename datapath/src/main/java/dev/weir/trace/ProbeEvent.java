package dev.weir.trace;

import dev.weir.api.prog.StageFunction;
import dev.weir.skb.SkBuff;

/**
 * One entry to or exit from a probed stage function. Reused: valid only during
 * {@link ProbeHandler#probe}.
 *
 * <p>At entry {@link #skb} is the function's packet argument (or null when it has none); at exit
 * it is null, because the stage functions Weir probes all take ownership of the packet and have
 * handed it on (queued, delivered, sent or freed) by the time they return, and only
 * {@link #skbId} names it.
 */
public final class ProbeEvent {
    /** Most arguments a stage function has. */
    public static final int MAX_ARGS = 4;

    public StageFunction function;
    public boolean exit;
    public SkBuff skb;
    public long skbId;
    /** The socket argument's identity ({@link SockInfo#sockId()}), 0 if none. */
    public long skId;
    /** Arguments in {@link StageFunction#args()} order; pointers as identities (skb: its id, a device: its ifindex). */
    public final long[] args = new long[MAX_ARGS];
    /** The return value, at exit. */
    public long ret;
}
