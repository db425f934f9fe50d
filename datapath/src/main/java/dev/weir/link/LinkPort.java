package dev.weir.link;

import dev.weir.skb.SkBuff;

/**
 * What a device (a NIC, a switch port, a test endpoint) exposes to the {@link Link} it is
 * plugged into, through {@link LinkEnd#attach}. The link calls these methods from scheduler
 * events, on the simulation's thread.
 *
 * <p><b>Transmitting</b> is a push model: the device calls {@link LinkEnd#transmit} and the link
 * owns the frame from then on. A device that keeps its own ring (a NIC) hands a frame over when
 * {@link LinkEnd#isBusy()} is false, so it never overflows the link queue, and hands the next one
 * when {@link #wireFree()} says the line has gone idle; it is told at the very instant the last
 * bit left, so back-to-back frames leave with no gap. A device without a ring simply transmits
 * and lets the link queue (and its tail drop) absorb bursts.
 */
public interface LinkPort {
    /**
     * A frame has arrived at this end. The port takes ownership: it must eventually free or
     * consume the frame, or pass it on to someone who will.
     *
     * <p>The frame is the sender's buffer carried across: its bytes are what crossed the wire,
     * but its metadata (mark, hash, checksum state, socket, header offsets, {@code cb}) is what
     * the sending side left and means nothing here. The receiving device resets what it uses,
     * as Linux scrubs a packet crossing from one namespace to another.
     */
    void receive(SkBuff frame);

    /**
     * The link went down ({@code false}: cable cut, frames in flight lost) or came back up
     * ({@code true}). Called for both ends, synchronously from {@link Link#setUp}. Not called on
     * attach: read {@link LinkEnd#carrier()} then.
     */
    void carrierChanged(boolean up);

    /**
     * This end's transmit line has just finished serialising its last frame and no frame waits
     * in the link queue: {@link LinkEnd#isBusy()} has turned false. A port that holds frames back
     * may transmit the next one now. Called only after a period of being busy, so never on a
     * link of infinite rate, where the line is never busy. Optional.
     */
    default void wireFree() {}
}
