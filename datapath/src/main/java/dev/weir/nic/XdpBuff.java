package dev.weir.nic;

/**
 * A received frame as an XDP program sees it, before any skb exists (Linux's
 * {@code struct xdp_buff}): the driver's receive buffer and the frame's bounds in it. One per
 * receive queue, reused for every frame.
 *
 * <pre>
 *   0 (hard start)      data                dataEnd                frameEnd
 *   |---- headroom -----|====== frame ======|------ tailroom -------|
 *        adjust_head &lt;-|                   |-&gt; adjust_tail
 * </pre>
 *
 * <p>The hook may move {@link #data} and {@link #dataEnd} within {@code [0, frameEnd]} (the
 * hooks layer enforces Linux's rules: at least an Ethernet header, headroom kept for the
 * metadata Linux reserves) and rewrite the bytes between them. For
 * {@code XDP_REDIRECT} it names the destination devices in {@link #targets}.
 */
public final class XdpBuff {
    /** Linux's XDP_PACKET_HEADROOM: the headroom a driver reserves in front of each frame while XDP is on. */
    public static final int HEADROOM = 256;
    /** Most devices one redirect may reach (a broadcast over a device map). */
    public static final int MAX_TARGETS = 64;

    /** The receive buffer. */
    public byte[] buf;
    /** First byte of the frame. */
    public int data;
    /** One past the frame's last byte. */
    public int dataEnd;
    /** One past the last byte the frame may grow into (the posted buffer's size). */
    public int frameEnd;
    /** The device the frame arrived on. */
    public int ingressIfindex;
    /** The receive queue it arrived on. */
    public int rxQueue;
    /** The program that decided the verdict (for {@code xdp:xdp_exception}), 0 if none. */
    public int progId;
    /** Where an {@code XDP_REDIRECT} goes: {@link #ntargets} ifindexes. */
    public final int[] targets = new int[MAX_TARGETS];
    public int ntargets;

    /** The frame's length. */
    public int len() {
        return dataEnd - data;
    }
}
