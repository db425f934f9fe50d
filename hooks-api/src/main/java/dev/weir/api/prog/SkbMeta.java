package dev.weir.api.prog;

/**
 * The metadata of an skb, read-only (Linux's {@code struct __sk_buff} fields). {@link SkbContext}
 * adds setters for the ones a tc program may change; probes and netfilter programs read them.
 */
public interface SkbMeta {
    /** {@code PACKET_HOST}: addressed to this host. */
    int PACKET_HOST = 0;
    /** {@code PACKET_BROADCAST}. */
    int PACKET_BROADCAST = 1;
    /** {@code PACKET_MULTICAST}. */
    int PACKET_MULTICAST = 2;
    /** {@code PACKET_OTHERHOST}: a unicast frame for another MAC (promiscuous). */
    int PACKET_OTHERHOST = 3;
    /** {@code PACKET_OUTGOING}: sent by this host. */
    int PACKET_OUTGOING = 4;

    /** The EtherType of the packet's network protocol ({@code 0x0800}, {@code 0x86dd}), as a plain number. */
    int protocol();

    /** The firewall mark ({@code skb->mark}), 0 unless something set it. */
    int mark();

    /** The queueing priority ({@code skb->priority}), used by prio/mqprio qdiscs. */
    int priority();

    /** The tc class id ({@code skb->tc_classid}) a classifier chose, 0 if none. */
    int tcClassid();

    /** The device the skb is on now: the receiving device on ingress, the sending one on egress. */
    int ifindex();

    /** The device it was received on (0 for a locally generated packet). */
    int ingressIfindex();

    /** The flow hash ({@code skb->hash}; computed on first use from the addresses and ports, as {@code bpf_get_hash_recalc}). */
    int hash();

    /** The skb's timestamp in virtual nanoseconds: receive time on ingress; on egress the earliest departure time (EDT) if set, else 0. */
    long tstamp();

    /** {@link #PACKET_HOST}, {@link #PACKET_BROADCAST}, ... */
    int pktType();

    /** The transmit queue index chosen for the packet (egress), or the receive queue (ingress). */
    int queueMapping();

    /** True when the packet carries a VLAN tag taken out of the frame by the device (offload). */
    boolean vlanPresent();

    /** The offloaded VLAN tag's TCI (priority, DEI, VID), 0 if none. */
    int vlanTci();

    /** The offloaded VLAN tag's TPID (0x8100 or 0x88a8), 0 if none. */
    int vlanProto();

    /** Offset of the network header from packet offset 0 (tc: 14 after an untagged Ethernet header; netfilter: 0). */
    int networkOffset();

    /** Offset of the transport header, or -1 when not yet known (before IP receive). */
    int transportOffset();

    /** Segments in a GSO packet (1 when not GSO). */
    int gsoSegs();

    /** Payload bytes per segment of a GSO packet (0 when not GSO). */
    int gsoSize();
}
