package dev.weir.l2;

import dev.weir.skb.SkBuff;
import dev.weir.skb.SkbQueue;

/**
 * Software GSO for the transmit path (Linux's {@code skb_gso_segment}): cuts a GSO
 * super-packet into segments for a device that lacks the TSO feature its {@code gso_type}
 * needs. The default is {@link dev.weir.skb.Gso#segment(dev.weir.skb.SkBuff, dev.weir.skb.SkbQueue, boolean)};
 * {@link L2#setSegmenter} replaces it (tests, experiments).
 */
@FunctionalInterface
public interface Segmenter {
    /**
     * Appends the segments of GSO packet {@code skb} to {@code out} in order and returns how many,
     * or -1 having appended nothing when it cannot split it. {@code skb} stays the caller's (it
     * frees it). With {@code csumPartial} the segments are left CHECKSUM_PARTIAL for the device
     * to fill; otherwise their checksums are complete.
     */
    int segment(SkBuff skb, SkbQueue out, boolean csumPartial);
}
