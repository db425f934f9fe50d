package dev.weir.api.prog;

/**
 * A tracepoint program: runs when one of the stack's named {@link Tracepoint tracepoints}
 * fires, with the event's fields read-only.
 *
 * <p><b>When:</b> synchronously at the point the event happens (a packet received, a drop, a
 * TCP state change, ...), on the CPU doing that work, before the stack goes on. Its cost is
 * charged to that CPU.
 *
 * <p><b>May:</b> read the event's fields through {@link TraceContext}, update maps (counters,
 * histograms), send records to user space through a ring buffer, print with
 * {@code tracePrint}.
 *
 * <p><b>Must not:</b> change anything in the stack (it has no way to), keep state in fields,
 * allocate, or keep references to the context. It returns nothing: observing cannot alter the
 * packet's fate.
 */
public interface TracepointProgram {
    void run(TraceContext ctx);
}
