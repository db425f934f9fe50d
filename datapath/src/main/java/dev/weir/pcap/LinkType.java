package dev.weir.pcap;

/**
 * Link-layer header types of capture files (the tcpdump.org LINKTYPE_ registry, which pcap and
 * pcapng share): what the first byte of each packet's data is. Weir writes {@link #ETHERNET};
 * the reader passes any type through with the packet bytes untouched.
 */
public final class LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order, then IP. */
    public static final int NULL = 0;
    /** IEEE 802.3 Ethernet: destination MAC, source MAC, EtherType (or VLAN tags). */
    public static final int ETHERNET = 1;
    /** Raw IP: the packet starts with an IPv4 or IPv6 header (version nibble says which). */
    public static final int RAW = 101;
    /** Linux cooked capture v1 (SLL), 16 bytes: packet type (direction), ARPHRD type, address, protocol. */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux cooked capture v2 (SLL2), 20 bytes: protocol, interface index, ARPHRD type, packet type, address. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {}

    /**
     * The short name tcpdump prints after "link-type" ({@code EN10MB}, {@code RAW},
     * {@code LINUX_SLL}...), or {@code LINKTYPE_<n>} for a type this class does not name.
     */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case ETHERNET -> "EN10MB";
            case RAW -> "RAW";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + linkType;
        };
    }

    /** The description tcpdump prints in parentheses after the name ("Ethernet", "Raw IP"...). */
    public static String description(int linkType) {
        return switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case RAW -> "Raw IP";
            case LINUX_SLL -> "Linux cooked v1";
            case IPV4 -> "Raw IPv4";
            case IPV6 -> "Raw IPv6";
            case LINUX_SLL2 -> "Linux cooked v2";
            default -> "link type " + linkType;
        };
    }
}
