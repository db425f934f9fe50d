package dev.weir.api.wire;

/**
 * IP protocol numbers (the IPv4 Protocol field, the IPv6 Next Header field) that Weir
 * understands: upper-layer protocols and the IPv6 extension headers (IANA "Assigned Internet
 * Protocol Numbers"; RFC 8200 section 4 for the extension headers).
 */
public final class IpProtocol {
    private IpProtocol() {}

    /** IPv6 Hop-by-Hop Options header (RFC 8200 section 4.3). */
    public static final int HOPOPTS = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** IPv6 Routing header (RFC 8200 section 4.4). */
    public static final int ROUTING = 43;
    /** IPv6 Fragment header (RFC 8200 section 4.5). */
    public static final int FRAGMENT = 44;
    /** Encapsulating Security Payload (RFC 4303). */
    public static final int ESP = 50;
    /** Authentication Header (RFC 4302). */
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    /** IPv6 "No Next Header": nothing follows (RFC 8200 section 4.7). */
    public static final int NONE = 59;
    /** IPv6 Destination Options header (RFC 8200 section 4.6). */
    public static final int DSTOPTS = 60;

    /**
     * True for the IPv6 extension headers that {@link Ipv6ExtHeaders} walks past: hop-by-hop,
     * routing, fragment and destination options. AH and ESP are not among them: a walk stops there.
     */
    public static boolean isIpv6WalkedExtension(int protocol) {
        return protocol == HOPOPTS || protocol == ROUTING || protocol == FRAGMENT || protocol == DSTOPTS;
    }

    /**
     * The name tcpdump gives the protocol: its protocol table's name, as {@code tcpdump -v} prints
     * after "proto" (so 0 is "Options"), or {@code ip-proto-N} for numbers that table lacks
     * (59 and 60 among them), as tcpdump's one-line summary prints them.
     */
    public static String name(int protocol) {
        return switch (protocol) {
            case HOPOPTS -> "Options";
            case ICMP -> "ICMP";
            case IGMP -> "IGMP";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case ROUTING -> "Routing";
            case FRAGMENT -> "Fragment";
            case ESP -> "ESP";
            case AH -> "AH";
            case ICMPV6 -> "ICMPv6";
            default -> "ip-proto-" + protocol;
        };
    }
}
