package dev.weir.api.wire;

/** EtherType values (IEEE 802 numbers) that Weir understands. */
public final class EtherType {
    private EtherType() {}

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** IEEE 802.1Q customer VLAN tag. */
    public static final int VLAN = 0x8100;
    /** IEEE 802.1ad service VLAN tag (the outer tag of QinQ). */
    public static final int QINQ = 0x88a8;
    public static final int IPV6 = 0x86dd;

    /** True for the TPIDs that start a VLAN tag. */
    public static boolean isVlanTpid(int type) {
        return type == VLAN || type == QINQ;
    }

    /** The name tcpdump gives the type, or its hex value. */
    public static String name(int type) {
        return switch (type) {
            case IPV4 -> "IPv4";
            case ARP -> "ARP";
            case VLAN -> "802.1Q";
            case QINQ -> "802.1Q-QinQ";
            case IPV6 -> "IPv6";
            default -> String.format("0x%04x", type);
        };
    }
}
