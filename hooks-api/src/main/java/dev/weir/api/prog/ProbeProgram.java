package dev.weir.api.prog;

/**
 * A stage probe, the analog of a kprobe/kretprobe or fentry/fexit program: runs on entry to or
 * exit from one of the stack's named {@link StageFunction stage functions}.
 *
 * <p><b>When:</b> at entry, before the function's body, with its arguments; at exit, after the
 * body, with the same arguments and the function's return value. Attaching chooses the function
 * and entry or exit. Runs on the CPU doing the work.
 *
 * <p><b>May:</b> read the skb (read-only: loads, metadata) and the scalar arguments through
 * {@link ProbeContext}, update maps, send ring-buffer records, print. Pairing an entry with an
 * exit (latency of a stage) is done with a map keyed by {@code ctx.skbaddr()}.
 *
 * <p><b>Must not:</b> change the packet, its metadata or the function's result (the context
 * offers no way to), keep state in fields, allocate, or keep references to the context.
 */
public interface ProbeProgram {
    void run(ProbeContext ctx);
}
