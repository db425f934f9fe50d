package dev.weir.core;

import dev.weir.api.wire.Ipv6Address;

/**
 * An IPv6 address on a device, as {@code ip -6 addr} shows it (Linux's {@code inet6_ifaddr}).
 *
 * @param address the address
 * @param prefixLen prefix length
 * @param scope {@link InetAddress4#SCOPE_UNIVERSE}, {@link InetAddress4#SCOPE_LINK} or {@link InetAddress4#SCOPE_HOST}
 * @param nodad true when duplicate address detection is skipped (Weir's addresses are usable at once)
 */
public record InetAddress6(Ipv6Address address, int prefixLen, int scope, boolean nodad) {
    /** True when {@code hi:lo} is on this address's prefix. */
    public boolean covers(long hi, long lo) {
        long mh = Ipv6Address.maskHi(prefixLen);
        long ml = Ipv6Address.maskLo(prefixLen);
        return (hi & mh) == (address.hi() & mh) && (lo & ml) == (address.lo() & ml);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLen;
    }
}
