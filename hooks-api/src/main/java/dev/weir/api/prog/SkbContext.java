package dev.weir.api.prog;

/**
 * What a {@link TcProgram} sees: an skb at tc ingress or egress ({@code struct __sk_buff}), with
 * its data starting at the Ethernet header, its metadata, and the tc helpers.
 *
 * <p>The packet may be non-linear (GRO'd or GSO packets keep page fragments): the direct view
 * {@code buffer()[dataOffset() .. dataEnd())} covers the linear part only (at least the
 * headers the stack has parsed), while {@link #len()}, the loads and {@link #loadBytes} cover
 * the whole packet. {@link #pullData} makes more bytes linear when a program wants to wrap a
 * view over them. Offloaded VLAN tags are not in the data; they are in {@link #vlanTci()}.
 *
 * <p>Metadata a tc program may change: mark, priority, tc classid, queue mapping, and the
 * timestamp (on egress, the earliest departure time that the {@code fq} qdisc honours: EDT
 * pacing).
 */
public interface SkbContext extends Helpers, PacketAccess, SkbMeta {
    /** {@link #redirect} flag ({@code BPF_F_INGRESS}): deliver to the device's ingress instead of sending it out. */
    long F_INGRESS = 1;

    /** {@link #adjustRoom} mode ({@code BPF_ADJ_ROOM_NET}): add or remove room after the network header. */
    int ADJ_ROOM_NET = 0;
    /** {@link #adjustRoom} mode ({@code BPF_ADJ_ROOM_MAC}): add or remove room after the MAC header. */
    int ADJ_ROOM_MAC = 1;

    /** True on tc ingress, false on egress. */
    boolean isIngress();

    void setMark(int mark);

    void setPriority(int priority);

    void setTcClassid(int classid);

    /** Sets the transmit queue (egress): taken modulo the device's queue count. */
    void setQueueMapping(int queue);

    /** Sets the timestamp: on egress, the earliest departure time in virtual nanoseconds (0 clears it). */
    void setTstamp(long tstampNs);

    /**
     * {@code bpf_skb_pull_data}: makes the first {@code len} bytes linear (0: all of them). OK, or
     * EINVAL when the packet is shorter. Re-read buffer()/offsets afterwards.
     */
    int pullData(int len);

    /**
     * {@code bpf_skb_change_tail}: sets the packet's length to {@code newLen}, trimming or growing
     * with zeroed bytes; flags must be 0. OK or EINVAL.
     */
    int changeTail(int newLen, long flags);

    /**
     * {@code bpf_skb_change_head}: grows the packet by {@code headroom} bytes in front of the
     * MAC header (to push an L2 encapsulation); the new bytes are zeroed; flags must be 0.
     * OK or EINVAL.
     */
    int changeHead(int headroom, long flags);

    /**
     * {@code bpf_skb_adjust_room}: adds (positive) or removes (negative) {@code lenDiff} bytes
     * after the network header ({@link #ADJ_ROOM_NET}) or the MAC header ({@link #ADJ_ROOM_MAC}),
     * to push or pop a tunnel header while keeping the outer header in place. OK or EINVAL.
     */
    int adjustRoom(int lenDiff, int mode, long flags);

    /** {@code bpf_skb_vlan_push}: tags the packet (offloaded tag; proto 0x8100 or 0x88a8). OK or EINVAL. */
    int vlanPush(int proto, int tci);

    /** {@code bpf_skb_vlan_pop}: removes the outer tag. OK, or ENOENT when untagged. */
    int vlanPop();

    /**
     * {@code bpf_redirect}: chooses device {@code ifindex}'s egress (or its ingress with
     * {@link #F_INGRESS}) as the packet's destination; return the result from {@code run}.
     *
     * @return {@link TcAction#REDIRECT}, or {@link TcAction#SHOT} for unknown flags
     */
    int redirect(int ifindex, long flags);

    /**
     * {@code bpf_clone_redirect}: sends a copy of the packet now to device {@code ifindex}
     * (egress, or ingress with {@link #F_INGRESS}); the original goes on with the program's
     * verdict. OK, ENODEV or EINVAL.
     */
    int cloneRedirect(int ifindex, long flags);

    /** This context's reusable FIB lookup parameters. */
    FibLookupParams fibParams();

    /** {@code bpf_fib_lookup}, as {@link XdpContext#fibLookup}. */
    int fibLookup(FibLookupParams params, int flags);
}
