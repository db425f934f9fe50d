package dev.weir.neigh;

import dev.weir.core.InetAddress4;
import dev.weir.core.InetAddress6;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;

/**
 * The questions ARP and NDP ask about the host's own addresses, answered from the address lists
 * the IP layers keep on each device: Linux asks its routing tables (inet_addr_type, the local
 * table) and in_device lists (inet_select_addr, inet_confirm_addr, ipv6_get_ifaddr). Routing
 * sits above this package, so a local address here is one configured on some device of the
 * namespace, and the whole prefix of an address on a loopback device (127.0.0.0/8).
 */
final class Addresses {
    private Addresses() {}

    static boolean isMulticastV4(int ip) {
        return (ip & 0xf000_0000) == 0xe000_0000;
    }

    /** RTN_LOCAL. */
    static boolean isLocalV4(NetNs net, int ip) {
        for (NetDevice d : net.devices()) {
            boolean loopback = (d.flags() & NetDevice.IFF_LOOPBACK) != 0;
            for (InetAddress4 a : d.ipv4Addresses()) {
                if (a.address() == ip || (loopback && a.covers(ip))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RTN_BROADCAST: the limited broadcast, a broadcast address configured on some device, or a primary address's subnet broadcast. */
    static boolean isBroadcastV4(NetNs net, int ip) {
        if (ip == -1) {
            return true;
        }
        for (NetDevice d : net.devices()) {
            for (InetAddress4 a : d.ipv4Addresses()) {
                if (a.broadcast() != 0 && a.broadcast() == ip) {
                    return true;
                }
                // fib_add_ifaddr also routes a primary address's subnet broadcast (NET|~MASK, under /31) as broadcast
                if (!a.secondary() && a.prefixLen() < 31 && a.network() != 0 && (a.network() | ~a.mask()) == ip) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RTN_UNICAST: an ordinary address of another host (not ours, broadcast, multicast, 0/8 or 127/8). */
    static boolean isUnicastV4(NetNs net, int ip) {
        int first = ip >>> 24;
        return first != 0 && first != 127 && !isMulticastV4(ip) && (ip & 0xf000_0000) != 0xf000_0000
                && !isLocalV4(net, ip) && !isBroadcastV4(net, ip);
    }

    /** inet_addr_onlink: some address of {@code dev} has both {@code a} and {@code b} on its subnet. */
    static boolean onLink(NetDevice dev, int a, int b) {
        for (InetAddress4 x : dev.ipv4Addresses()) {
            if (x.covers(a) && (b == 0 || x.covers(b))) {
                return true;
            }
        }
        return false;
    }

    /**
     * inet_select_addr(dev, dst, RT_SCOPE_LINK): the device's primary address on {@code dst}'s
     * subnet, else its first primary address, else the first primary non-link-scope address of
     * any device (loopback's first); 0 when there is none. Host-scope addresses never.
     */
    static int selectV4(NetNs net, NetDevice dev, int dst) {
        int addr = 0;
        for (InetAddress4 a : dev.ipv4Addresses()) {
            if (a.secondary() || a.scope() > InetAddress4.SCOPE_LINK) {
                continue;
            }
            if (dst == 0 || a.covers(dst)) {
                return a.address();
            }
            if (addr == 0) {
                addr = a.address();
            }
        }
        if (addr != 0) {
            return addr;
        }
        for (NetDevice d : net.devices()) {
            for (InetAddress4 a : d.ipv4Addresses()) {
                if (!a.secondary() && a.scope() != InetAddress4.SCOPE_LINK && a.scope() <= InetAddress4.SCOPE_LINK) {
                    return a.address();
                }
            }
        }
        return 0;
    }

    /**
     * inet_confirm_addr on one device: {@code local} is configured on {@code dev} with a scope
     * no wider than {@code scope}, and (when {@code dst} is not 0) {@code dst} is on the subnet
     * of one of its addresses that also holds {@code local}.
     */
    static boolean configuredOn(NetDevice dev, int local, int dst, int scope) {
        boolean have = false;
        boolean same = false;
        for (InetAddress4 a : dev.ipv4Addresses()) {
            if (a.address() == local && Math.min(a.scope(), InetAddress4.SCOPE_HOST) <= scope) {
                have = true;
            }
            if (a.covers(local) && (dst == 0 || a.covers(dst))) {
                same = true;
            }
        }
        return have && same;
    }

    /** inet_confirm_addr over every device with no subnet condition. */
    static boolean confirmedAnywhere(NetNs net, int local, int scope) {
        for (NetDevice d : net.devices()) {
            if (configuredOn(d, local, 0, scope)) {
                return true;
            }
        }
        return false;
    }

    // ---- IPv6 ----------------------------------------------------------------------------

    /** ipv6_get_ifaddr(net, addr, dev, strict): the address is configured on {@code dev}. */
    static InetAddress6 onDeviceV6(NetDevice dev, long hi, long lo) {
        for (InetAddress6 a : dev.ipv6Addresses()) {
            if (a.address().hi() == hi && a.address().lo() == lo) {
                return a;
            }
        }
        return null;
    }

    /** ipv6_get_lladdr: the device's first link-local address, or null. */
    static InetAddress6 linkLocalV6(NetDevice dev) {
        for (InetAddress6 a : dev.ipv6Addresses()) {
            if (a.address().isLinkLocal()) {
                return a;
            }
        }
        return null;
    }

    /** The device's first address of global scope (for a source when it has no link-local one). */
    static InetAddress6 firstV6(NetDevice dev) {
        return dev.ipv6Addresses().isEmpty() ? null : dev.ipv6Addresses().get(0);
    }
}
