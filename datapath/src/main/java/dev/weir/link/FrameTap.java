package dev.weir.link;

import dev.weir.skb.SkBuff;

/**
 * An observer of the frames crossing one {@link LinkEnd}, for captures (a pcapng writer) and
 * tracing. Attach with {@link LinkEnd#addTap}.
 *
 * <p>Called with {@link #OUTBOUND} when a frame sent by this end starts onto the wire (its first
 * bit leaves; frames dropped before that are not seen), and with {@link #INBOUND} when a frame
 * is delivered to this end, just before its port receives it (after any corruption, so a
 * capture shows what the receiver got). The direction values are pcapng's {@code epb_flags}
 * direction bits.
 *
 * <p>A tap may read the frame's bytes and metadata during the call only: it must not modify,
 * free, queue or keep it (copy the bytes it needs), nor transmit on the link.
 */
@FunctionalInterface
public interface FrameTap {
    /** The frame arrived at this end (pcapng epb_flags inbound). */
    int INBOUND = 1;
    /** The frame left this end (pcapng epb_flags outbound). */
    int OUTBOUND = 2;

    void tap(long timeNanos, SkBuff frame, int direction);
}
