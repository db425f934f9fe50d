package dev.weir.core;

import dev.weir.api.wire.Ipv6Address;

/**
 * An IPv6 address on a device, as {@code ip -6 addr} shows it (Linux's {@code inet6_ifaddr}).
 *
 * @param address the address
 * @param prefixLen prefix length
 * @param scope {@link InetAddress4#SCOPE_UNIVERSE}, {@link InetAddress4#SCOPE_LINK} or {@link InetAddress4#SCOPE_HOST}
 * @param nodad true when duplicate address detection is skipped (Weir's addresses are usable at once)
 * @param flags {@code IFA_F_*} bits ({@link InetAddress4#IFA_F_PERMANENT}, {@link InetAddress4#IFA_F_DEPRECATED},
 *     {@link InetAddress4#IFA_F_TENTATIVE}, {@link InetAddress4#IFA_F_NOPREFIXROUTE}, ...); {@code nodad}
 *     is also kept here as {@link InetAddress4#IFA_F_NODAD}
 * @param metric the priority of the prefix route the address adds, 0 for the default (256)
 */
public record InetAddress6(Ipv6Address address, int prefixLen, int scope, boolean nodad, int flags, int metric) {
    /** A permanent address, as before flags were kept. */
    public InetAddress6(Ipv6Address address, int prefixLen, int scope, boolean nodad) {
        this(address, prefixLen, scope, nodad, InetAddress4.IFA_F_PERMANENT | (nodad ? InetAddress4.IFA_F_NODAD : 0), 0);
    }

    /** True when {@code hi:lo} is on this address's prefix. */
    public boolean covers(long hi, long lo) {
        long mh = Ipv6Address.maskHi(prefixLen);
        long ml = Ipv6Address.maskLo(prefixLen);
        return (hi & mh) == (address.hi() & mh) && (lo & ml) == (address.lo() & ml);
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** Deprecated (preferred lifetime over) or tentative: not chosen as a source when another will do (RFC 6724 rule 3). */
    public boolean isDeprecated() {
        return (flags & InetAddress4.IFA_F_DEPRECATED) != 0;
    }

    public boolean isTentative() {
        return (flags & InetAddress4.IFA_F_TENTATIVE) != 0;
    }

    @Override
    public String toString() {
        return address + "/" + prefixLen;
    }
}
