package dev.weir.core;

import dev.weir.api.wire.Ipv4Address;

/**
 * An IPv4 address on a device, as {@code ip -4 addr} shows it (Linux's {@code in_ifaddr}).
 *
 * @param address the local address ({@code ifa_local})
 * @param prefixLen network prefix length
 * @param broadcast the broadcast address, 0 for none
 * @param scope {@link #SCOPE_UNIVERSE}, {@link #SCOPE_LINK} or {@link #SCOPE_HOST}
 * @param secondary true when another address on the device already covers this prefix
 * @param peer the address at the other end of a point-to-point link ({@code ifa_address});
 *     equal to {@code address} when there is none
 * @param flags {@code IFA_F_*} bits other than secondary ({@link #IFA_F_PERMANENT},
 *     {@link #IFA_F_NOPREFIXROUTE}, ...)
 * @param metric the priority of the prefix route the address adds, 0 for the default
 */
public record InetAddress4(int address, int prefixLen, int broadcast, int scope, boolean secondary, int peer, int flags, int metric) {
    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;

    /** Address flags ({@code IFA_F_*} in Linux's if_addr.h), shared with {@link InetAddress6}. */
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_OPTIMISTIC = 0x04;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int IFA_F_MCAUTOJOIN = 0x400;
    public static final int IFA_F_STABLE_PRIVACY = 0x800;

    /** A permanent address without a peer, as before peers and flags were kept. */
    public InetAddress4(int address, int prefixLen, int broadcast, int scope, boolean secondary) {
        this(address, prefixLen, broadcast, scope, secondary, address, IFA_F_PERMANENT, 0);
    }

    public int mask() {
        return Ipv4Address.mask(prefixLen);
    }

    /** The subnet, from the peer address when there is one (Linux's {@code ifa_address & ifa_mask}). */
    public int network() {
        return peer & mask();
    }

    /** True when {@code a} is on this address's subnet ({@code inet_ifa_match}). */
    public boolean covers(int a) {
        return (a & mask()) == network();
    }

    public boolean hasPeer() {
        return peer != address;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** The same address marked secondary or primary (promotion, demotion). */
    public InetAddress4 withSecondary(boolean s) {
        return new InetAddress4(address, prefixLen, broadcast, scope, s, peer, flags, metric);
    }

    public static String scopeName(int scope) {
        return switch (scope) {
            case SCOPE_UNIVERSE -> "global";
            case SCOPE_LINK -> "link";
            case SCOPE_HOST -> "host";
            default -> Integer.toString(scope);
        };
    }

    @Override
    public String toString() {
        return Ipv4Address.toString(address) + "/" + prefixLen;
    }
}
