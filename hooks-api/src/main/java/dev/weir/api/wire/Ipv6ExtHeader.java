package dev.weir.api.wire;

/**
 * The parsed form of one IPv6 extension header that {@link Ipv6ExtHeaders} walks past
 * (RFC 8200 section 4). A packet's chain is a list of these, in order, each naming the next.
 */
public sealed interface Ipv6ExtHeader permits Ipv6OptionsHeader, Ipv6RoutingHeader, Ipv6FragmentHeader {
    /** This header's own protocol number: what the previous header's Next Header holds. */
    int protocol();

    /** What follows this header ({@link IpProtocol}). */
    int nextHeader();

    /** Bytes this header takes on the wire, a multiple of 8. */
    int headerLength();

    /** Writes the header at {@code off}; returns its length. */
    int emit(byte[] b, int off);
}
