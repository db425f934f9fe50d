package dev.weir.ip;

import dev.weir.skb.SkBuff;

/**
 * A transport protocol's entry in an IP layer's protocol table (Linux's {@code net_protocol} /
 * {@code inet6_protocol} in {@code inet_protos[]}): registered with
 * {@link Ipv4#register(int, IpProtocolHandler)} or {@link Ipv6#register(int, IpProtocolHandler)}.
 */
public interface IpProtocolHandler {
    /**
     * Local delivery ({@code ip_local_deliver_finish} / {@code ip6_input_finish}), after the
     * INPUT hook and reassembly. On entry {@code skb.data()} is the transport header (also
     * {@link SkBuff#transportHeader()}), {@link SkBuff#networkHeader()} the IP header (IPv6: the
     * fixed header; extension headers lie between), {@link SkBuff#ingressIfindex()} the arrival
     * device. The packet is a whole datagram (fragments are reassembled). The transport checksum
     * is not yet verified unless {@link SkBuff#ipSummed()} says so. The handler owns the packet:
     * it must consume it, drop it through {@code NetNs.drop}, or queue it.
     */
    void rcv(SkBuff skb);

    /**
     * An ICMP or ICMPv6 error came back about a packet this protocol sent ({@code err_handler}):
     * destination unreachable (port unreachable, fragmentation needed...), time exceeded,
     * parameter problem, packet too big. {@code skb} is the error message with
     * {@code skb.data()} at the quoted IP header and {@link SkBuff#transportHeader()} at the ICMP
     * header; the quoted transport header starts {@code innerOffset} bytes after data (at least 8
     * of its bytes are present). {@code info} is the next-hop MTU for fragmentation needed /
     * packet too big (already learned by routing), the pointer for a parameter problem, else 0.
     * The handler only reads: the ICMP layer keeps and frees the buffer. Optional.
     */
    default void err(SkBuff skb, int type, int code, int info, int innerOffset) {}
}
