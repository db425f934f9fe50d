package dev.weir.core;

/**
 * Why a packet was dropped: every drop in Weir names one, as Linux's {@code kfree_skb} drop
 * reasons do ({@code enum skb_drop_reason}); the names are Linux's without the
 * {@code SKB_DROP_REASON_} prefix, so a user reading {@code skb:kfree_skb} output or the
 * per-host drop table sees what perf or dropwatch would show. Reasons Linux does not have
 * (program aborts, a modelled CPU's backlog) are marked as Weir's own.
 */
public enum DropReason {
    NOT_SPECIFIED("drop reason not specified"),
    NO_SOCKET("no socket matches"),
    PKT_TOO_SMALL("packet shorter than its headers"),
    TCP_CSUM("TCP checksum error"),
    UDP_CSUM("UDP checksum error"),
    ICMP_CSUM("ICMP checksum error"),
    IP_CSUM("IP header checksum error"),
    IP_INHDR("invalid IP header (version, length, ...)"),
    IP_RPFILTER("reverse path filter (rp_filter) failed"),
    IP_INADDRERRORS("bad destination address (martian, not local and not forwarding)"),
    IP_INVALID_SOURCE("martian source address (multicast, broadcast, 0/8, loopback)"),
    IP_INVALID_DEST("martian destination address (0/8, loopback)"),
    IP_INNOROUTES("no route for a received packet"),
    IP_OUTNOROUTES("no route for an outgoing packet"),
    IP_NOPROTO("no handler for the IP protocol"),
    OTHERHOST("frame addressed to another host"),
    UNICAST_IN_L2_MULTICAST("unicast IP in a link-layer multicast frame"),
    SOCKET_RCVBUFF("socket receive buffer full"),
    SOCKET_FILTER("socket filter dropped it"),
    PROTO_MEM("protocol memory limit"),
    NETFILTER_DROP("netfilter hook returned DROP"),
    NEIGH_FAILED("neighbour resolution failed"),
    NEIGH_QUEUEFULL("neighbour resolution queue full (unres_qlen)"),
    NEIGH_CREATEFAIL("could not create a neighbour entry"),
    NEIGH_DEAD("neighbour entry removed while the packet waited"),
    QDISC_DROP("dropped by the queueing discipline"),
    TC_INGRESS("tc ingress program dropped it"),
    TC_EGRESS("tc egress program dropped it"),
    XDP("XDP program dropped it"),
    CPU_BACKLOG("per-CPU backlog full (netdev_max_backlog)"),
    UNHANDLED_PROTO("no handler for the EtherType"),
    INVALID_PROTO("the protocol refuses the packet here (an ICMP message to a broadcast address, ...)"),
    IPV6DISABLED("IPv6 is disabled on the device (disable_ipv6)"),
    FULL_RING("device ring full"),
    DEV_READY("device not up"),
    DEV_HDR("invalid link-layer header"),
    MAC_INVALID_SOURCE("source MAC address is multicast or zero"),
    MAC_IEEE_MAC_CONTROL("IEEE MAC control frame (01:80:c2:00:00:01) reached a bridge"),
    HDR_TRUNC("header truncated"),
    PKT_TOO_BIG("packet larger than the MTU and may not be fragmented"),
    DUP_FRAG("duplicate or overlapping fragment (RFC 5722)"),
    FRAG_REASM_TIMEOUT("fragment reassembly timed out"),
    FRAG_TOO_FAR("fragment offset too far or reassembly memory exhausted"),
    IPV6_BAD_EXTHDR("malformed IPv6 extension header"),
    IPV6_NDISC_HOP_LIMIT("NDP message with hop limit other than 255"),
    IPV6_NDISC_BAD_CODE("NDP message with a non-zero code"),
    IPV6_NDISC_BAD_OPTIONS("NDP message with bad options"),
    IPV6_NDISC_NS_OTHERHOST("neighbour solicitation for another host"),
    IP_TTL_EXPIRED("TTL or hop limit exceeded while forwarding"),
    ICMP_RATELIMIT("ICMP error suppressed by rate limiting"),
    TCP_INVALID_SEQUENCE("TCP sequence outside the window"),
    TCP_RESET("TCP reset received"),
    TCP_OLD_DATA("TCP data already acknowledged"),
    TCP_FLAGS("invalid TCP flag combination"),
    TCP_OFO_DROP("TCP out-of-order queue full"),
    TCP_LISTEN_OVERFLOW("TCP accept queue full"),
    QUEUE_PURGE("queue purged (socket closed, device down)"),
    NOMEM("no buffer available"),
    /** Weir: a program aborted (ran out of instruction budget or threw) on this packet. */
    PROG_ABORTED("program aborted (Weir)"),
    /** Weir: a device was removed or its link went down with the packet in flight. */
    LINK_DOWN("link down (Weir)");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
