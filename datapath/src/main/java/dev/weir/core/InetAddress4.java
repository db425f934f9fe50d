package dev.weir.core;

import dev.weir.api.wire.Ipv4Address;

/**
 * An IPv4 address on a device, as {@code ip -4 addr} shows it (Linux's {@code in_ifaddr}).
 *
 * @param address the local address
 * @param prefixLen network prefix length
 * @param broadcast the broadcast address, 0 for none
 * @param scope {@link #SCOPE_UNIVERSE}, {@link #SCOPE_LINK} or {@link #SCOPE_HOST}
 * @param secondary true when another address on the device already covers this prefix
 */
public record InetAddress4(int address, int prefixLen, int broadcast, int scope, boolean secondary) {
    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;

    public int mask() {
        return Ipv4Address.mask(prefixLen);
    }

    public int network() {
        return address & mask();
    }

    /** True when {@code a} is on this address's subnet. */
    public boolean covers(int a) {
        return (a & mask()) == network();
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
