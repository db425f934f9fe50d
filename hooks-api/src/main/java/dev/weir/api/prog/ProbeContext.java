package dev.weir.api.prog;

/**
 * What a {@link ProbeProgram} sees at the entry or exit of a {@link StageFunction}: which
 * function and which side, the function's scalar arguments, its return value at exit, and the
 * skb it works on, read-only.
 *
 * <p>The packet reads ({@link PacketReader}) and metadata ({@link SkbMeta}) describe the
 * function's skb argument as it is at that moment: offset 0 is the skb's data, which moves as
 * the packet goes through the layers (at {@code ip_rcv} it is the IP header, at
 * {@code dev_queue_xmit} the Ethernet header). For functions without an skb, {@link #len()} is
 * 0 and the metadata 0. At exit, when the function has given the skb away (freed it, queued
 * it, passed it to the device), the packet reads see length 0 and the metadata 0;
 * {@link #skbaddr()} still names it.
 */
public interface ProbeContext extends Helpers, PacketReader, SkbMeta {
    /** The function probed. */
    StageFunction function();

    /** False on entry, true on exit. */
    boolean isExit();

    /** The function's return value at exit (see {@link StageFunction#returns()}); 0 on entry. */
    long returnValue();

    /**
     * Argument {@code i} (0-based, in {@link StageFunction#args()} order): integers as their
     * value, pointers as opaque identities (the same as the tracepoints' skbaddr/skaddr), 0 for
     * an index past the last argument.
     */
    long arg(int i);

    /** Identity of the skb argument, 0 if none: the key to pair an entry with its exit. */
    long skbaddr();

    /** Identity of the socket argument, 0 if none. */
    long skaddr();
}
