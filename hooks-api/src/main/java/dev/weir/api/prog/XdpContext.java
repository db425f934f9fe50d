package dev.weir.api.prog;

import dev.weir.api.maps.DevMap;

/**
 * What an {@link XdpProgram} sees: the raw received frame, as Linux's {@code struct xdp_md},
 * and the XDP helpers.
 *
 * <p>The frame occupies {@code buffer()[dataOffset() .. dataEnd())}, starting at the Ethernet
 * header (no FCS). In front of it is headroom (256 bytes at least, as Linux's
 * {@code XDP_PACKET_HEADROOM}) that {@link #adjustHead} can claim to push a header; behind it,
 * tailroom up to the receive buffer's end for {@link #adjustTail}. Loads and stores take
 * offsets from {@code dataOffset()}; see {@link PacketReader} and {@link PacketAccess} for
 * bounds and checksums. There is no skb yet: no mark, no hash, no metadata beyond the device
 * and queue.
 */
public interface XdpContext extends Helpers, PacketAccess {
    /** Headroom a frame has at least in front of its data. */
    int HEADROOM = 256;

    /** {@link #redirectMap} flag ({@code BPF_F_BROADCAST}): send to every device in the map. */
    long F_BROADCAST = 1L << 3;
    /** {@link #redirectMap} flag ({@code BPF_F_EXCLUDE_INGRESS}): with BROADCAST, not back to the ingress device. */
    long F_EXCLUDE_INGRESS = 1L << 4;

    /** The device the frame arrived on ({@code xdp_md.ingress_ifindex}). */
    int ingressIfindex();

    /** The receive queue it arrived on ({@code xdp_md.rx_queue_index}). */
    int rxQueueIndex();

    /**
     * {@code bpf_xdp_adjust_head}: moves the start of the frame by {@code delta} bytes: negative
     * grows it into the headroom (to push an encapsulation header; the new bytes are
     * uninitialised), positive shrinks it (to pop one). The frame must keep at least 14 bytes
     * and the headroom may not be exceeded.
     *
     * @return OK, or EINVAL (nothing changed). On OK, {@link #dataOffset()} and {@link #len()}
     *         changed: re-wrap any view.
     */
    int adjustHead(int delta);

    /**
     * {@code bpf_xdp_adjust_tail}: moves the end of the frame by {@code delta} bytes: negative
     * trims it, positive grows it into the tailroom (new bytes zeroed). OK or EINVAL.
     */
    int adjustTail(int delta);

    /**
     * {@code bpf_redirect}: chooses device {@code ifindex} as the frame's destination; return the
     * result from {@code run} to send it there (through that device's transmit path, as
     * {@code XDP_TX} on another device).
     *
     * @return {@link XdpAction#REDIRECT}, or {@link XdpAction#ABORTED} for flags other than 0
     */
    int redirect(int ifindex, long flags);

    /**
     * {@code bpf_redirect_map}: chooses the device in slot {@code key} of {@code map}
     * (or all of them with {@link #F_BROADCAST}).
     *
     * @return {@link XdpAction#REDIRECT}; when the slot is empty, the action in the low two bits
     *         of {@code flags} (so {@code flags = XdpAction.PASS} falls back to the stack)
     */
    int redirectMap(DevMap map, int key, long flags);

    /** This context's reusable FIB lookup parameters. */
    FibLookupParams fibParams();

    /**
     * {@code bpf_fib_lookup} in the host's routing tables and neighbour cache.
     *
     * @return one of {@link FibLookupParams}' {@code RET_*} codes, or a negative MapError for
     *         bad arguments (EINVAL: unknown family or flags)
     */
    int fibLookup(FibLookupParams params, int flags);
}
