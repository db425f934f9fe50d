package dev.weir.route;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.InetAddress4;
import dev.weir.core.InetAddress6;
import dev.weir.core.NetDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of a host's devices and the routes they imply (Linux's {@code devinet.c} with
 * {@code fib_add_ifaddr}/{@code fib_del_ifaddr}, and {@code addrconf.c}). The addresses live in
 * each {@link NetDevice}'s lists; this class is the only writer.
 *
 * <h2>IPv4</h2>
 * An address adds {@code local ADDR} (table local, scope host, src the subnet's primary address)
 * at once, and while its device is up: the subnet route {@code NET/LEN dev D proto kernel scope
 * link src ADDR} in table main (unless {@code noprefixroute}; a loopback device's is a local
 * route in table local), the subnet broadcast {@code broadcast NET|~MASK} in table local for
 * prefixes shorter than /31, and a broadcast route for an explicit {@code brd}. A second address
 * of the same subnet is secondary: it adds only its local route. Deleting a primary deletes its
 * secondaries (or promotes the first when {@code net.ipv4.conf.DEV.promote_secondaries} is 1).
 * Addresses survive their device going down; their subnet and broadcast routes do not.
 *
 * <h2>IPv6</h2>
 * When a device is up with a carrier it is configured: an Ethernet device gets its EUI-64
 * link-local address and {@code multicast ff00::/8} in table local, the loopback device
 * {@code ::1}. Each address adds {@code local ADDR} (table local, metric 0) at once, and while
 * the device is up its prefix route (table main, metric 256, proto kernel) unless
 * {@code noprefixroute}. Going down removes every address and route of the device (unless
 * {@code keep_addr_on_down}), as Linux does. Duplicate address detection is not modelled: an
 * address is usable at once, as on Linux with {@code accept_dad} 0.
 *
 * <p>Routes follow addresses by difference: before and after each address change the set of
 * routes the device's addresses imply is computed, and only what changed is removed or added, so
 * a route a user deleted is not brought back by an unrelated change. A device coming up gets
 * every implied route back, as Linux's {@code fib_add_ifaddr} and {@code addrconf_permanent_addr}
 * re-add them.
 */
public final class AddrConf {
    /** Told of every address added or removed, after the routes changed. */
    public interface AddressListener {
        default void added4(NetDevice dev, InetAddress4 a) {}

        default void removed4(NetDevice dev, InetAddress4 a) {}

        default void added6(NetDevice dev, InetAddress6 a) {}

        default void removed6(NetDevice dev, InetAddress6 a) {}
    }

    private static final int F_PERM = InetAddress4.IFA_F_PERMANENT;
    private static final Ipv6Address FF00 = new Ipv6Address(0xff00_0000_0000_0000L, 0);

    private final Routing routing;
    private final List<AddressListener> listeners = new ArrayList<>();
    /** Per ifindex: IPv6 is configured on the device (up with a carrier since it last went down). */
    private boolean[] v6Ready = new boolean[16];

    AddrConf(Routing routing) {
        this.routing = routing;
    }

    public void addListener(AddressListener l) {
        listeners.add(l);
    }

    // ---- IPv4 ----

    /**
     * {@code ip addr add LOCAL/LEN [peer PEER] [brd B] [scope S] dev D} ({@code inet_rtm_newaddr}).
     *
     * @param peer the point-to-point peer, or {@code local} for none
     * @param broadcast the broadcast address, 0 for none
     * @param flags {@code IFA_F_NOPREFIXROUTE} and the like
     * @param metric the prefix route's priority
     * @throws RtnlException EEXIST "ipv4: Address already assigned", EINVAL for a bad scope or length
     */
    public InetAddress4 add4(NetDevice dev, int local, int prefixLen, int peer, int broadcast, int scope, int flags, int metric) {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new RtnlException(Errno.EINVAL, "ipv4: Invalid prefix length");
        }
        List<InetAddress4> list = dev.ipv4AddressList();
        int mask = Ipv4Address.mask(prefixLen);
        boolean secondary = false;
        int lastPrimary = 0;
        for (int i = 0; i < list.size(); i++) {
            InetAddress4 x = list.get(i);
            if (!x.secondary() && scope <= x.scope()) {
                lastPrimary = i + 1;
            }
            if (x.prefixLen() == prefixLen && (x.peer() & mask) == (peer & mask)) {
                if (x.address() == local) {
                    throw new RtnlException(Errno.EEXIST, "ipv4: Address already assigned");
                }
                if (x.scope() != scope) {
                    throw new RtnlException(Errno.EINVAL, "ipv4: Invalid scope value");
                }
                secondary = true;
            }
        }
        InetAddress4 a = new InetAddress4(local, prefixLen, broadcast, scope, secondary, peer,
                (flags | F_PERM) & ~InetAddress4.IFA_F_SECONDARY, metric);
        List<Route> before = derived4(dev, dev.isUp());
        if (secondary) {
            list.add(a);
        } else {
            list.add(lastPrimary, a);
        }
        applyDiff(before, derived4(dev, dev.isUp()));
        for (AddressListener l : listeners) {
            l.added4(dev, a);
        }
        return a;
    }

    /**
     * {@code ip addr del LOCAL[/LEN] dev D} ({@code inet_rtm_deladdr}): the first address with
     * that local address (and, when {@code prefixLen >= 0}, that length and subnet).
     *
     * @throws RtnlException EADDRNOTAVAIL "ipv4: Address not found"
     */
    public InetAddress4 del4(NetDevice dev, int local, int prefixLen) {
        for (InetAddress4 a : dev.ipv4AddressList()) {
            if (a.address() != local) {
                continue;
            }
            if (prefixLen >= 0 && (a.prefixLen() != prefixLen || !a.covers(local))) {
                continue;
            }
            delete4(dev, a);
            return a;
        }
        throw new RtnlException(Errno.EADDRNOTAVAIL, "ipv4: Address not found");
    }

    /** {@code __inet_del_ifa}: removes {@code a}; a primary takes its subnet's secondaries along or promotes one. */
    void delete4(NetDevice dev, InetAddress4 a) {
        List<InetAddress4> list = dev.ipv4AddressList();
        List<Route> before = derived4(dev, dev.isUp());
        List<InetAddress4> gone = new ArrayList<>();
        int at = list.indexOf(a);
        if (at < 0) {
            return;
        }
        list.remove(at);
        gone.add(a);
        if (!a.secondary()) {
            boolean promote = routing.promoteSecondaries(dev);
            for (int i = 0; i < list.size(); i++) {
                InetAddress4 s = list.get(i);
                if (!s.secondary() || s.prefixLen() != a.prefixLen() || !a.covers(s.peer())) {
                    continue;
                }
                if (promote) {
                    list.set(i, s.withSecondary(false));
                    break;
                }
                list.remove(i--);
                gone.add(s);
            }
        }
        applyDiff(before, derived4(dev, dev.isUp()));
        for (InetAddress4 g : gone) {
            for (AddressListener l : listeners) {
                l.removed4(dev, g);
            }
        }
    }

    /** The routes {@code dev}'s IPv4 addresses imply ({@code fib_add_ifaddr} for each), were it up or not. */
    List<Route> derived4(NetDevice dev, boolean up) {
        List<Route> out = new ArrayList<>();
        List<InetAddress4> list = dev.ipv4AddressList();
        boolean loopback = (dev.flags() & NetDevice.IFF_LOOPBACK) != 0;
        for (InetAddress4 a : list) {
            InetAddress4 prim = a;
            if (a.secondary()) {
                prim = null;
                for (InetAddress4 p : list) {
                    if (!p.secondary() && p.prefixLen() == a.prefixLen() && p.covers(a.peer())) {
                        prim = p;
                        break;
                    }
                }
                if (prim == null) {
                    continue;
                }
            }
            addOnce(out, magic4(dev, RouteType.LOCAL, a.address(), 32, prim, 0));
            if (!up) {
                continue;
            }
            if (a.broadcast() != 0 && a.broadcast() != -1) {
                addOnce(out, magic4(dev, RouteType.BROADCAST, a.broadcast(), 32, prim, 0));
            }
            int mask = a.mask();
            int prefix = a.peer() & mask;
            if ((prefix & 0xff00_0000) != 0 && !a.secondary() && (prefix != a.address() || a.prefixLen() < 32)) {
                if (!a.hasFlag(InetAddress4.IFA_F_NOPREFIXROUTE)) {
                    addOnce(out, magic4(dev, loopback ? RouteType.LOCAL : RouteType.UNICAST, prefix, a.prefixLen(), prim, a.metric()));
                }
                if (a.prefixLen() < 31) {
                    addOnce(out, magic4(dev, RouteType.BROADCAST, prefix | ~mask, 32, prim, 0));
                }
            }
        }
        return out;
    }

    /** {@code fib_magic}: a kernel route for an address; unicast goes to main, the rest to local. */
    private static Route magic4(NetDevice dev, RouteType type, int dst, int len, InetAddress4 prim, int metric) {
        return Route.builder(Addr.V4).type(type).dst4(dst, len)
                .table(type == RouteType.UNICAST ? RtNames.TABLE_MAIN : RtNames.TABLE_LOCAL)
                .protocol(RtNames.PROTO_KERNEL)
                .scope(type == RouteType.LOCAL ? RtNames.SCOPE_HOST : RtNames.SCOPE_LINK)
                .prefsrc4(prim.address()).dev(dev).metric(metric).build();
    }

    // ---- IPv6 ----

    /**
     * {@code ip -6 addr add ADDR/LEN dev D} ({@code inet6_addr_add}).
     *
     * @param flags {@code IFA_F_NODAD}, {@code IFA_F_NOPREFIXROUTE}, {@code IFA_F_DEPRECATED} (preferred_lft 0)...
     * @param metric the prefix route's metric, 0 for 256
     * @throws RtnlException EEXIST "ipv6: address already assigned"
     */
    public InetAddress6 add6(NetDevice dev, Ipv6Address address, int prefixLen, int flags, int metric) {
        if (prefixLen < 0 || prefixLen > 128) {
            throw new RtnlException(Errno.EINVAL, "ipv6: Invalid prefix length");
        }
        List<InetAddress6> list = dev.ipv6AddressList();
        for (InetAddress6 x : list) {
            if (x.address().equals(address)) {
                throw new RtnlException(Errno.EEXIST, "ipv6: address already assigned");
            }
        }
        int f = flags | F_PERM;
        InetAddress6 a = new InetAddress6(address, prefixLen, scopeOf(address), (f & InetAddress4.IFA_F_NODAD) != 0, f, metric);
        List<Route> before = derived6(dev);
        insertByScope(list, a);
        applyDiff(before, derived6(dev));
        for (AddressListener l : listeners) {
            l.added6(dev, a);
        }
        return a;
    }

    /**
     * {@code ip -6 addr del ADDR/LEN dev D}.
     *
     * @throws RtnlException EADDRNOTAVAIL "ipv6: address not found"
     */
    public InetAddress6 del6(NetDevice dev, Ipv6Address address, int prefixLen) {
        for (InetAddress6 a : dev.ipv6AddressList()) {
            if (a.address().equals(address) && (prefixLen < 0 || a.prefixLen() == prefixLen)) {
                delete6(dev, a);
                return a;
            }
        }
        throw new RtnlException(Errno.EADDRNOTAVAIL, "ipv6: address not found");
    }

    void delete6(NetDevice dev, InetAddress6 a) {
        List<Route> before = derived6(dev);
        if (!dev.ipv6AddressList().remove(a)) {
            return;
        }
        applyDiff(before, derived6(dev));
        for (AddressListener l : listeners) {
            l.removed6(dev, a);
        }
    }

    /** Linux keeps a device's IPv6 addresses sorted by scope, global first; the newest first within a scope. */
    private static void insertByScope(List<InetAddress6> list, InetAddress6 a) {
        int s = Addr.v6Scope(a.address().hi(), a.address().lo());
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            InetAddress6 x = list.get(i);
            if (s >= Addr.v6Scope(x.address().hi(), x.address().lo())) {
                at = i;
                break;
            }
        }
        list.add(at, a);
    }

    /** The scope {@code ip addr} shows for an IPv6 address. */
    static int scopeOf(Ipv6Address a) {
        if (a.isLoopback()) {
            return RtNames.SCOPE_HOST;
        }
        if (a.isLinkLocal()) {
            return RtNames.SCOPE_LINK;
        }
        if ((a.hi() >>> 54) == (0xfec0L >>> 6)) {
            return RtNames.SCOPE_SITE;
        }
        return RtNames.SCOPE_UNIVERSE;
    }

    /**
     * The routes {@code dev}'s IPv6 addresses imply: their local routes always, their prefix
     * routes while the device is up, {@code ff00::/8} while IPv6 is configured on it.
     */
    List<Route> derived6(NetDevice dev) {
        List<Route> out = new ArrayList<>();
        boolean loopback = (dev.flags() & NetDevice.IFF_LOOPBACK) != 0;
        if (!loopback && v6Ready(dev)) {
            addOnce(out, Route.builder(Addr.V6).type(RouteType.MULTICAST).dst(FF00.hi(), FF00.lo(), 8)
                    .table(RtNames.TABLE_LOCAL).protocol(RtNames.PROTO_KERNEL).metric(Route.IP6_RT_PRIO_ADDRCONF)
                    .dev(dev).build());
        }
        for (InetAddress6 a : dev.ipv6AddressList()) {
            long hi = a.address().hi();
            long lo = a.address().lo();
            if (dev.isUp() && !a.hasFlag(InetAddress4.IFA_F_NOPREFIXROUTE) && !(loopback && a.address().isLoopback())) {
                addOnce(out, Route.builder(Addr.V6).dst(hi, lo, a.prefixLen()).protocol(RtNames.PROTO_KERNEL)
                        .metric(a.metric() != 0 ? a.metric() : Route.IP6_RT_PRIO_ADDRCONF).dev(dev).build());
            }
            addOnce(out, Route.builder(Addr.V6).type(RouteType.LOCAL).dst(hi, lo, 128).table(RtNames.TABLE_LOCAL)
                    .protocol(RtNames.PROTO_KERNEL).metric(0).dev(dev).build());
        }
        return out;
    }

    boolean v6Ready(NetDevice dev) {
        int i = dev.ifindex();
        return i < v6Ready.length && v6Ready[i];
    }

    private void setV6Ready(NetDevice dev, boolean on) {
        int i = dev.ifindex();
        if (i >= v6Ready.length) {
            boolean[] n = new boolean[Math.max(i + 1, v6Ready.length * 2)];
            System.arraycopy(v6Ready, 0, n, 0, v6Ready.length);
            v6Ready = n;
        }
        v6Ready[i] = on;
    }

    // ---- flush ----

    /**
     * {@code ip addr flush dev D [scope S]}: deletes the addresses of {@code family} (0 for both)
     * whose scope is {@code scope} (-1 for any). Returns how many went.
     */
    public int flush(NetDevice dev, int family, int scope) {
        int n = 0;
        if (family != Addr.V6) {
            for (InetAddress4 a : List.copyOf(dev.ipv4AddressList())) {
                if ((scope < 0 || a.scope() == scope) && dev.ipv4AddressList().contains(a)) {
                    delete4(dev, a);
                    n++;
                }
            }
        }
        if (family != Addr.V4) {
            for (InetAddress6 a : List.copyOf(dev.ipv6AddressList())) {
                if (scope < 0 || a.scope() == scope) {
                    delete6(dev, a);
                    n++;
                }
            }
        }
        return n;
    }

    // ---- device events ----

    /** The device came up: IPv4 routes of its addresses return; IPv6 is configured if it has a carrier. */
    void deviceUp(NetDevice dev) {
        ensure(derived4(dev, true));
        ensure(derived6(dev));
        if ((dev.flags() & NetDevice.IFF_LOOPBACK) != 0) {
            boolean has = false;
            for (InetAddress4 a : dev.ipv4AddressList()) {
                has |= a.address() == Ipv4Address.LOOPBACK.bits();
            }
            if (!has) {
                add4(dev, Ipv4Address.LOOPBACK.bits(), 8, Ipv4Address.LOOPBACK.bits(), 0, RtNames.SCOPE_HOST, 0, 0);
            }
        }
        if (dev.hasCarrier()) {
            configure6(dev);
        }
    }

    /** A carrier arrived: IPv6 gets configured on an up device that waited for it. */
    void carrierUp(NetDevice dev) {
        if (dev.isUp()) {
            configure6(dev);
        }
    }

    private void configure6(NetDevice dev) {
        if (v6Ready(dev)) {
            return;
        }
        setV6Ready(dev, true);
        ensure(derived6(dev));
        boolean loopback = (dev.flags() & NetDevice.IFF_LOOPBACK) != 0;
        if (loopback) {
            if (!hasAddress6(dev, Ipv6Address.LOOPBACK)) {
                add6(dev, Ipv6Address.LOOPBACK, 128, 0, 0);
            }
        } else if (dev.type() == NetDevice.ARPHRD_ETHER && dev.mac() != 0) {
            Ipv6Address ll = Ipv6Address.linkLocal(dev.macAddress());
            if (!hasAddress6(dev, ll)) {
                add6(dev, ll, 64, 0, 0);
            }
        }
    }

    private static boolean hasAddress6(NetDevice dev, Ipv6Address a) {
        for (InetAddress6 x : dev.ipv6AddressList()) {
            if (x.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The device went down (the generic removal of its routes has run): IPv6 addresses go, unless
     * {@code keep_addr_on_down} keeps the permanent global ones; IPv6 waits to be configured again.
     */
    void deviceDown(NetDevice dev) {
        boolean keep = routing.keepAddrOnDown(dev);
        List<InetAddress6> list = dev.ipv6AddressList();
        List<InetAddress6> gone = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            InetAddress6 a = list.get(i);
            if (keep && a.hasFlag(F_PERM) && a.scope() != RtNames.SCOPE_LINK && a.scope() != RtNames.SCOPE_HOST) {
                continue;
            }
            gone.add(a);
            list.remove(i--);
        }
        setV6Ready(dev, false);
        for (InetAddress6 a : gone) {
            for (AddressListener l : listeners) {
                l.removed6(dev, a);
            }
        }
    }

    /** The device is going away: every address goes. */
    void unregister(NetDevice dev) {
        for (InetAddress4 a : List.copyOf(dev.ipv4AddressList())) {
            if (dev.ipv4AddressList().contains(a)) {
                delete4(dev, a);
            }
        }
        for (InetAddress6 a : List.copyOf(dev.ipv6AddressList())) {
            delete6(dev, a);
        }
        setV6Ready(dev, false);
    }

    // ---- route differences ----

    private static void addOnce(List<Route> out, Route r) {
        for (Route x : out) {
            if (x.sameAs(r)) {
                return;
            }
        }
        out.add(r);
    }

    /** Adds every route of {@code rs} that is missing. */
    private void ensure(List<Route> rs) {
        for (Route r : rs) {
            routing.addKernelRoute(r);
        }
    }

    private void applyDiff(List<Route> before, List<Route> after) {
        for (Route r : before) {
            if (!containsSame(after, r)) {
                routing.removeKernelRoute(r);
            }
        }
        for (Route r : after) {
            if (!containsSame(before, r)) {
                routing.addKernelRoute(r);
            }
        }
    }

    private static boolean containsSame(List<Route> rs, Route r) {
        for (Route x : rs) {
            if (x.sameAs(r)) {
                return true;
            }
        }
        return false;
    }
}
