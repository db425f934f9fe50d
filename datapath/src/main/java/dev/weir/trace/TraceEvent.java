package dev.weir.trace;

import dev.weir.api.prog.Tracepoint;
import dev.weir.core.NetDevice;
import dev.weir.skb.SkBuff;

/**
 * One firing of a tracepoint, as the stage describes it: the packet and device when there are
 * some, the object the event is about ({@link #subject}: a neighbour entry, a socket's
 * {@link SockInfo}, a qdisc), and up to four numbers whose meaning each firing method of
 * {@link Tracing} documents. The handler derives Linux's fields from these. Reused: valid only
 * during {@link TraceHandler#fire}.
 */
public final class TraceEvent {
    /** Which tracepoint fired. */
    public final Tracepoint tracepoint;
    /** The packet, or null (also null when it was already handed on: then {@link #skbId} names it). */
    public SkBuff skb;
    /** The packet's identity ({@link SkBuff#id()}), 0 if none. */
    public long skbId;
    /** The device, or null. */
    public NetDevice dev;
    /** The object the event is about, or null. */
    public Object subject;
    /** Numbers whose meaning depends on the tracepoint (see the firing methods). */
    public long a;
    public long b;
    public long c;
    public long d;
    /** A name when the event carries one (NAPI's device name), else null. */
    public String text;

    TraceEvent(Tracepoint tracepoint) {
        this.tracepoint = tracepoint;
    }

    void clear() {
        skb = null;
        dev = null;
        subject = null;
        text = null;
    }
}
