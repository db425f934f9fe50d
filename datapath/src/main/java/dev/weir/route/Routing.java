package dev.weir.route;

import dev.weir.api.wire.Ipv6Address;
import dev.weir.core.InetAddress4;
import dev.weir.core.InetAddress6;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.core.Sysctls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A host's routing: the tables and policy rules of both families, the addresses and the routes
 * they imply ({@link AddrConf}), the path-MTU exceptions, and the lookups the IP layers call per
 * packet. One per {@link NetNs}; it listens to the namespace's device events.
 *
 * <h2>Lookups (per packet, allocation-free)</h2>
 * <ul>
 * <li>{@link #lookup} is {@code fib_lookup}: the rules in priority order and the tables they
 *     name, nothing more.
 * <li>{@link #outputRoute} is {@code ip_route_output_key} / {@code ip6_route_output}: the lookup
 *     plus what sending needs: the output device (lo for a local destination), the next hop,
 *     the source address when the flow has none ({@code inet_select_addr}, RFC 6724), broadcast
 *     and multicast typing, the path MTU.
 * <li>{@link #inputRoute} is {@code ip_route_input}: for a packet received on
 *     {@link Flow#iif()}: local delivery, broadcast, forwarding (when the device forwards), or
 *     the error to answer with, after the martian and reverse-path checks.
 * </ul>
 * The caller keeps a {@link Flow} and a {@link FibResult} and reuses them. Errors are negative
 * errnos; the IP layer maps them to ICMP as Linux does: ENETUNREACH net unreachable,
 * EHOSTUNREACH host unreachable, EACCES administratively prohibited, EINVAL silent discard.
 *
 * <h2>Changes (slow path)</h2>
 * {@link #addRoute}, {@link #deleteRoute}, {@link #rules}, {@link #addresses()}; and the
 * {@code ip} commands {@link IpRoute}, {@link IpRule}, {@link IpAddr} on top of them.
 */
public final class Routing {
    /** {@code net.ipv4.route.min_pmtu} and {@code mtu_expires} defaults; the IPv6 minimum MTU (RFC 8200 section 5). */
    public static final int MIN_PMTU4 = 552;
    public static final int MTU_EXPIRES_SECONDS = 600;
    public static final int IPV6_MIN_MTU = 1280;

    private static final long NS = 1_000_000_000L;

    private final NetNs net;
    private final Map<Integer, FibTable> tables4 = new HashMap<>();
    private final Map<Integer, FibTable> tables6 = new HashMap<>();
    private final Map<FibTable, Long> created = new HashMap<>();
    private long tableSeq;
    private final FibRules rules4;
    private final FibRules rules6;
    private final PmtuCache pmtu4 = new PmtuCache();
    private final PmtuCache pmtu6 = new PmtuCache();
    private final AddrConf addrconf;
    private NetDevice[] byIndex = new NetDevice[16];
    private NetDevice loopback;
    private final Sysctls sysctls;
    private final Sysctls.Value mtuExpires4;
    private final Sysctls.Value minPmtu4;
    private final Sysctls.Value mtuExpires6;
    private final Sysctls.Value ipForward;
    private final Sysctls.Value allRpFilter;
    private final Sysctls.Value allForwarding4;
    private final Sysctls.Value allForwarding6;
    /** Per ifindex: the device's own sysctl handles, read per packet. */
    private DevConf[] conf = new DevConf[16];
    private final Flow scratchFlow = new Flow();
    private final FibResult scratchRes = new FibResult();

    private record DevConf(Sysctls.Value forwarding4, Sysctls.Value rpFilter, Sysctls.Value promote,
                           Sysctls.Value forwarding6, Sysctls.Value keepAddrOnDown) {}

    public Routing(NetNs net) {
        this.net = net;
        this.sysctls = net.sysctls();
        mtuExpires4 = intSysctl("net.ipv4.route.mtu_expires", MTU_EXPIRES_SECONDS, 0, Integer.MAX_VALUE,
                "seconds a learned path MTU (route exception) lasts");
        minPmtu4 = intSysctl("net.ipv4.route.min_pmtu", MIN_PMTU4, 68, 65535,
                "smallest path MTU accepted from \"fragmentation needed\"; smaller reports are raised to it and locked");
        mtuExpires6 = intSysctl("net.ipv6.route.mtu_expires", MTU_EXPIRES_SECONDS, 0, Integer.MAX_VALUE,
                "seconds a learned IPv6 path MTU lasts");
        ipForward = intSysctl("net.ipv4.ip_forward", 0, 0, 1, "forward IPv4 packets between devices (sets every conf.*.forwarding)");
        perDevice("net.ipv4.conf", "forwarding", true, 0, 0, 1, "forward IPv4 packets received on this device");
        perDevice("net.ipv4.conf", "rp_filter", true, 0, 0, 2, "reverse path filter: 0 off, 1 strict, 2 loose (the larger of all and the device applies)");
        perDevice("net.ipv4.conf", "promote_secondaries", true, 0, 0, 1, "deleting a primary address promotes a secondary instead of deleting them all");
        perDevice("net.ipv6.conf", "forwarding", true, 0, 0, 1, "forward IPv6 packets received on this device");
        perDevice("net.ipv6.conf", "keep_addr_on_down", true, 0, -1, 1, "keep permanent global IPv6 addresses when the device goes down");
        allRpFilter = sysctls.value("net.ipv4.conf.all.rp_filter");
        allForwarding4 = sysctls.value("net.ipv4.conf.all.forwarding");
        allForwarding6 = sysctls.value("net.ipv6.conf.all.forwarding");
        // Linux: writing ip_forward or conf.all.forwarding sets both, conf.default and every device's forwarding.
        ipForward.onChange(this::forwardingChanged);
        allForwarding4.onChange(this::forwardingChanged);
        rules4 = new FibRules(Addr.V4, id -> table(Addr.V4, id), net::device);
        rules6 = new FibRules(Addr.V6, id -> table(Addr.V6, id), net::device);
        tableOrCreate(Addr.V4, RtNames.TABLE_LOCAL);
        tableOrCreate(Addr.V4, RtNames.TABLE_MAIN);
        tableOrCreate(Addr.V6, RtNames.TABLE_LOCAL);
        tableOrCreate(Addr.V6, RtNames.TABLE_MAIN);
        addrconf = new AddrConf(this);
        net.addDeviceListener(this::deviceEvent);
        for (NetDevice d : net.devices()) {
            deviceEvent(d, NetNs.DeviceEvent.REGISTER);
            if (d.isUp()) {
                deviceEvent(d, NetNs.DeviceEvent.UP);
            }
        }
    }

    private boolean propagating;

    private void forwardingChanged(long v) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            String value = Long.toString(v);
            sysctls.set("net.ipv4.ip_forward", value);
            for (String k : sysctls.list("net.ipv4.conf").keySet()) {
                if (k.endsWith(".forwarding")) {
                    sysctls.set(k, value);
                }
            }
        } finally {
            propagating = false;
        }
    }

    private Sysctls.Value intSysctl(String name, long def, long min, long max, String doc) {
        return sysctls.exists(name) ? sysctls.value(name) : sysctls.registerInt(name, def, min, max, doc);
    }

    private void perDevice(String prefix, String leaf, boolean hasAll, long def, long min, long max, String doc) {
        if (!sysctls.exists(prefix + ".default." + leaf)) {
            sysctls.registerPerDevice(prefix, leaf, hasAll, def, min, max, doc);
        }
    }

    public NetNs net() {
        return net;
    }

    /** Addresses and their events. */
    public AddrConf addresses() {
        return addrconf;
    }

    public FibRules rules(int family) {
        return family == Addr.V4 ? rules4 : rules6;
    }

    /** The device with this index, or null; allocation-free. */
    public NetDevice device(int ifindex) {
        return ifindex > 0 && ifindex < byIndex.length ? byIndex[ifindex] : null;
    }

    /** The loopback device, or null when the host has none. */
    public NetDevice loopback() {
        return loopback;
    }

    private int loopbackIndex() {
        return loopback == null ? 0 : loopback.ifindex();
    }

    // ---- tables ----

    /** The table, or null when it does not exist. */
    public FibTable table(int family, int id) {
        return (family == Addr.V4 ? tables4 : tables6).get(id);
    }

    /** The table, created empty when missing (Linux's {@code fib_new_table}). */
    public FibTable tableOrCreate(int family, int id) {
        Map<Integer, FibTable> m = family == Addr.V4 ? tables4 : tables6;
        FibTable t = m.get(id);
        if (t == null) {
            t = new FibTable(family, id);
            m.put(id, t);
            created.put(t, tableSeq++);
            if (rules4 != null) {
                rules(family).relink();
            }
        }
        return t;
    }

    /**
     * The tables of a family in the order a dump visits them: Linux's table hash, bucket
     * {@code id & 255} ascending, the newest table first within a bucket.
     */
    public List<FibTable> tables(int family) {
        List<FibTable> ts = new ArrayList<>((family == Addr.V4 ? tables4 : tables6).values());
        ts.sort(Comparator.<FibTable>comparingInt(t -> t.id() & 0xff).thenComparing(t -> -created.get(t)));
        return ts;
    }

    // ---- route changes ----

    /**
     * {@code ip route add|replace|change|append|prepend}: checks the route as Linux's
     * {@code fib_create_info} / {@code ip6_route_info_create} do and inserts it. A gateway must
     * be reachable on a directly connected route (or be {@code onlink}); the output device, when
     * not given, is the one that route uses. IPv6 routes without a metric get 1024, IPv6 reject
     * routes the loopback device.
     *
     * @param nlFlags {@code FibTable.NLM_F_*}: add is CREATE|EXCL
     * @throws RtnlException with Linux's errno and message
     */
    public Route addRoute(Route.Builder b, int nlFlags) {
        int fam = b.family();
        if (fam == Addr.V4 && b.hostBitsSet()) {
            throw new RtnlException(Errno.EINVAL, "Invalid prefix for given prefix length");
        }
        Route checked = fam == Addr.V4 ? check4(b) : check6(b);
        FibTable t = tableOrCreate(fam, checked.table());
        Route old = t.insert(checked, nlFlags);
        if (old != null) {
            pmtuCache(fam).forgetRoute(old);
        }
        return checked;
    }

    private Route check4(Route.Builder b) {
        Route r = b.build();
        if (r.type() == RouteType.NAT || r.type() == RouteType.XRESOLVE || r.type() == RouteType.UNSPEC
                || r.type() == RouteType.ANYCAST && r.dev() == null) {
            throw new RtnlException(Errno.EINVAL, "Invalid route type");
        }
        if (r.scope() > RtNames.SCOPE_HOST) {
            throw new RtnlException(Errno.EINVAL, "Invalid scope");
        }
        if (r.type() == RouteType.LOCAL || r.type() == RouteType.BROADCAST || r.type() == RouteType.MULTICAST
                || r.type() == RouteType.ANYCAST) {
            if (r.dev() == null) {
                throw new RtnlException(Errno.ENODEV, null);
            }
        } else if (!r.type().isReject()) {
            if (r.hasGateway()) {
                b.dev(gatewayDevice4(r));
            } else if (r.dev() == null) {
                throw new RtnlException(Errno.ENODEV, null);
            } else if (!r.dev().isUp()) {
                throw new RtnlException(Errno.ENETDOWN, "Device for nexthop is not up");
            }
        }
        r = b.build();
        if (r.hasPrefsrc() && !(r.type() == RouteType.LOCAL && r.prefsrc4() == r.dst4() && r.dstLen() == 32)
                && addrType4(r.prefsrc4()) != RouteType.LOCAL) {
            throw new RtnlException(Errno.EINVAL, "Invalid prefsrc address");
        }
        return r;
    }

    /** {@code fib_check_nh_v4_gw}: the device through which the gateway is directly reachable. */
    private NetDevice gatewayDevice4(Route r) {
        int gw = r.gateway4();
        if (r.onlink()) {
            if (r.scope() >= RtNames.SCOPE_LINK) {
                throw new RtnlException(Errno.EINVAL, "Nexthop has invalid scope");
            }
            if (r.dev() == null) {
                throw new RtnlException(Errno.EINVAL, "Nexthop device required for onlink");
            }
            if (!r.dev().isUp()) {
                throw new RtnlException(Errno.ENETDOWN, "Nexthop device is not up");
            }
            RouteType t = addrType4(gw);
            if (t != RouteType.UNICAST) {
                throw new RtnlException(Errno.EINVAL, "Nexthop has invalid gateway");
            }
            return r.dev();
        }
        Flow fl = new Flow().v4(gw, 0).oif(r.dev() == null ? 0 : r.dev().ifindex()).iif(loopbackIndex())
                .scope(Math.max(r.scope() + 1, RtNames.SCOPE_LINK));
        FibResult res = new FibResult();
        int err = -Errno.EAGAIN;
        FibTable t = r.table() != RtNames.TABLE_MAIN ? table(Addr.V4, r.table()) : null;
        if (t != null) {
            err = t.lookup(fl, res);
        }
        if (t == null || err != 0) {
            res.reset();
            err = rules4.lookup(fl, res, null);
        }
        if (err != 0 || (res.type != RouteType.UNICAST && res.type != RouteType.LOCAL)) {
            throw new RtnlException(Errno.EINVAL, "Nexthop has invalid gateway");
        }
        NetDevice d = res.route.dev();
        if (d == null) {
            throw new RtnlException(Errno.EINVAL, "No egress device for nexthop gateway");
        }
        if (!d.isUp()) {
            throw new RtnlException(Errno.ENETDOWN, null);
        }
        return d;
    }

    private Route check6(Route.Builder b) {
        Route r = b.build();
        if (r.metric() == 0) {
            b.metric(Route.IP6_RT_PRIO_USER);
        }
        if (r.type().isReject()) {
            if (r.dev() == null) {
                b.dev(loopback);
            }
            return b.build();
        }
        if (r.hasGateway()) {
            long ghi = r.gwHi();
            long glo = r.gwLo();
            if (isLocal6(ghi, glo)) {
                throw new RtnlException(Errno.EINVAL, "Gateway can not be a local address");
            }
            if (!Addr.isV6LinkLocal(ghi) && !r.onlink()) {
                Flow fl = new Flow().v6(ghi, glo, 0, 0).oif(r.dev() == null ? 0 : r.dev().ifindex());
                FibResult res = new FibResult();
                int err = rules6.lookup(fl, res, null);
                if (err != 0 || res.type != RouteType.UNICAST || res.route.hasGateway()) {
                    throw new RtnlException(Errno.EHOSTUNREACH, null);
                }
                if (r.dev() == null) {
                    b.dev(res.route.dev());
                }
            } else if (r.dev() == null) {
                throw new RtnlException(Errno.EINVAL, "Egress device not specified");
            }
        } else if (r.dev() == null) {
            throw new RtnlException(Errno.ENODEV, null);
        }
        r = b.build();
        if (!r.dev().isUp()) {
            throw new RtnlException(Errno.ENETDOWN, "Nexthop device is not up");
        }
        if (r.hasPrefsrc() && !isLocal6(r.srcHi(), r.srcLo())) {
            throw new RtnlException(Errno.EINVAL, "Invalid source address");
        }
        return r;
    }

    /**
     * {@code ip route del}: removes the first route of that prefix and TOS in {@code tableId}
     * that {@code which} accepts.
     *
     * @throws RtnlException ESRCH when there is none
     */
    public Route deleteRoute(int family, int tableId, long hi, long lo, int len, int tos, Predicate<Route> which) {
        FibTable t = table(family, tableId);
        Route r = t == null ? null : t.delete(hi, lo, len, tos, which);
        if (r == null) {
            throw new RtnlException(Errno.ESRCH, null);
        }
        pmtuCache(family).forgetRoute(r);
        return r;
    }

    /** Removes the routes {@code which} accepts from every table of {@code family}; returns them. */
    public List<Route> flushRoutes(int family, Predicate<Route> which) {
        List<Route> gone = new ArrayList<>();
        for (FibTable t : tables(family)) {
            gone.addAll(t.removeIf(which));
        }
        for (Route r : gone) {
            pmtuCache(family).forgetRoute(r);
        }
        return gone;
    }

    /** A route an address implies; an identical one already there is left alone. */
    void addKernelRoute(Route r) {
        FibTable t = tableOrCreate(r.family(), r.table());
        if (!t.containsSame(r)) {
            t.insert(r, FibTable.NLM_F_CREATE | FibTable.NLM_F_APPEND);
        }
    }

    void removeKernelRoute(Route r) {
        FibTable t = table(r.family(), r.table());
        if (t != null) {
            Route gone = t.delete(r.dstHi(), r.dstLo(), r.dstLen(), r.tos(), r::sameAs);
            if (gone != null) {
                pmtuCache(r.family()).forgetRoute(gone);
            }
        }
    }

    // ---- lookups ----

    /**
     * {@code fib_lookup}: walks the rules of {@code fl}'s family. Returns 0 (and fills
     * {@code res}: route, type, table, rule) or a negative errno.
     */
    public int lookup(Flow fl, FibResult res) {
        res.reset();
        int err = rules(fl.family()).lookup(fl, res, null);
        res.error = err;
        return err;
    }

    /**
     * The route for a packet this host sends ({@code ip_route_output_key}). Fills {@code res}:
     * type, device (lo for a local destination), next hop, source (from the flow, else chosen),
     * path MTU, flags. Sets {@code fl}'s input interface to the loopback device, as Linux does,
     * so that {@code iif lo} rules match local traffic. Returns 0 or a negative errno.
     */
    public int outputRoute(Flow fl, FibResult res) {
        fl.iif(loopbackIndex());
        int err = fl.family() == Addr.V4 ? output4(fl, res) : output6(fl, res);
        res.error = err;
        return err;
    }

    private int output4(Flow fl, FibResult res) {
        res.reset();
        long dst = fl.dstLo();
        long src = fl.srcLo();
        NetDevice devOut = null;
        int flags = 0;
        boolean made = false;
        if (src != 0) {
            if (Addr.isMulticast(Addr.V4, 0, src) || Addr.isV4LimitedBroadcast(src) || Addr.isV4ZeroNet(src)) {
                return -Errno.EINVAL;
            }
            if (fl.oif() == 0 && (Addr.isMulticast(Addr.V4, 0, dst) || Addr.isV4LimitedBroadcast(dst))) {
                devOut = deviceOwning4((int) src);
                if (devOut == null) {
                    return -Errno.EINVAL;
                }
                fl.oif(devOut.ifindex());
                res.type = RouteType.UNICAST;
                made = true;
            } else if (deviceOwning4((int) src) == null) {
                return -Errno.EINVAL;
            }
        }
        if (!made && fl.oif() != 0) {
            devOut = device(fl.oif());
            if (devOut == null) {
                return -Errno.ENODEV;
            }
            if (!devOut.isUp()) {
                return -Errno.ENETUNREACH;
            }
            if (Addr.isV4LocalMulticast(dst) || Addr.isV4LimitedBroadcast(dst)) {
                if (src == 0) {
                    src = Addr.v4(selectSource4(devOut, 0, RtNames.SCOPE_LINK));
                }
                res.type = RouteType.UNICAST;
                made = true;
            } else if (src == 0) {
                if (Addr.isMulticast(Addr.V4, 0, dst)) {
                    src = Addr.v4(selectSource4(devOut, 0, fl.scope()));
                } else if (dst == 0) {
                    src = Addr.v4(selectSource4(devOut, 0, RtNames.SCOPE_HOST));
                }
            }
        }
        if (!made && dst == 0) {
            dst = src;
            if (dst == 0) {
                dst = src = 0x7f00_0001L;
            }
            devOut = loopback;
            res.type = RouteType.LOCAL;
            flags |= FibResult.RTCF_LOCAL;
            made = true;
        }
        if (!made) {
            int err = rules4.lookup(fl, res, null);
            if (err != 0) {
                if (fl.oif() != 0) {
                    // Linux: "Apparently, routing tables are wrong. Assume that the destination is on link."
                    res.route = null;
                    res.table = 0;
                    res.rule = null;
                    if (src == 0) {
                        src = Addr.v4(selectSource4(devOut, 0, RtNames.SCOPE_LINK));
                    }
                    res.type = RouteType.UNICAST;
                } else {
                    return err;
                }
            } else if (res.type == RouteType.LOCAL) {
                if (src == 0) {
                    src = res.route.hasPrefsrc() ? res.route.srcLo() : dst;
                }
                devOut = loopback != null ? loopback : res.route.dev();
                flags |= FibResult.RTCF_LOCAL;
            } else {
                devOut = res.route.dev();
                if (src == 0) {
                    src = Addr.v4(prefsrc4(res.route));
                }
            }
        }
        // __mkroute_output
        RouteType type = res.type;
        if (Addr.isV4LimitedBroadcast(dst)) {
            type = RouteType.BROADCAST;
        } else if (Addr.isMulticast(Addr.V4, 0, dst)) {
            type = RouteType.MULTICAST;
        } else if (Addr.isV4ZeroNet(dst)) {
            return -Errno.EINVAL;
        }
        Route route = res.route;
        if (type == RouteType.BROADCAST) {
            flags |= FibResult.RTCF_BROADCAST | FibResult.RTCF_LOCAL;
            route = null;
        } else if (type == RouteType.MULTICAST) {
            flags |= FibResult.RTCF_MULTICAST;
            if (dst == 0xe000_0001L) {
                flags |= FibResult.RTCF_LOCAL; // every host is a member of 224.0.0.1
            }
            if (route != null && route.dstLen() < 4) {
                route = null; // a default route gives the device, not its gateway
            }
        }
        res.type = type;
        res.flags = flags;
        res.dev = devOut;
        res.srcHi = 0;
        res.srcLo = src;
        if (route != null && route.hasGateway() && type != RouteType.LOCAL) {
            res.viaGateway = true;
            res.nhHi = 0;
            res.nhLo = route.gwLo();
        } else {
            res.nhHi = 0;
            res.nhLo = dst;
        }
        pathMtu(Addr.V4, 0, dst, res.route, devOut, res);
        return 0;
    }

    private int output6(Flow fl, FibResult res) {
        res.reset();
        if (fl.oif() != 0 && device(fl.oif()) == null) {
            return -Errno.ENODEV;
        }
        int err = rules6.lookup(fl, res, null);
        if (err != 0) {
            return err;
        }
        Route r = res.route;
        long dHi = fl.dstHi();
        long dLo = fl.dstLo();
        NetDevice devOut = r.dev();
        if (res.type == RouteType.LOCAL) {
            devOut = loopback != null ? loopback : r.dev();
            res.flags = FibResult.RTCF_LOCAL;
        } else if (res.type == RouteType.MULTICAST || Addr.isMulticast(Addr.V6, dHi, dLo)) {
            res.flags = FibResult.RTCF_MULTICAST;
        }
        res.dev = devOut;
        if (fl.hasSrc()) {
            res.srcHi = fl.srcHi();
            res.srcLo = fl.srcLo();
        } else if (r.hasPrefsrc()) {
            res.srcHi = r.srcHi();
            res.srcLo = r.srcLo();
        } else if (res.type == RouteType.LOCAL && r.dstLen() == 128) {
            res.srcHi = dHi;
            res.srcLo = dLo;
        } else if (!selectSource6(r.dev(), dHi, dLo, res)) {
            res.srcHi = 0;
            res.srcLo = 0;
        }
        nextHop(res, res.type != RouteType.LOCAL ? r : null, dHi, dLo);
        pathMtu(Addr.V6, dHi, dLo, r, devOut, res);
        return 0;
    }

    /**
     * The route for a packet received on {@link Flow#iif()} ({@code ip_route_input_slow}; IPv6
     * {@code ip6_route_input}). Result types: LOCAL (deliver here), BROADCAST (deliver, IPv4),
     * MULTICAST (deliver if a member), UNICAST (forward through {@link FibResult#dev()}). An
     * IPv4 packet that may not be forwarded because the device does not forward gets
     * -EHOSTUNREACH; a martian source or destination -EINVAL; a reverse-path failure -EXDEV (as
     * Linux's {@code fib_validate_source}, so the IP stage can drop it as IP_RPFILTER).
     */
    public int inputRoute(Flow fl, FibResult res) {
        int err = fl.family() == Addr.V4 ? input4(fl, res) : input6(fl, res);
        res.error = err;
        res.input = true;
        return err;
    }

    private int input4(Flow fl, FibResult res) {
        res.reset();
        long dst = fl.dstLo();
        long src = fl.srcLo();
        NetDevice in = device(fl.iif());
        if (in == null) {
            return -Errno.ENODEV;
        }
        if (Addr.isMulticast(Addr.V4, 0, dst)) {
            res.type = RouteType.MULTICAST;
            res.flags = FibResult.RTCF_MULTICAST | FibResult.RTCF_LOCAL;
            res.dev = loopback;
            res.nhLo = dst;
            return 0;
        }
        if (Addr.isMulticast(Addr.V4, 0, src) || Addr.isV4LimitedBroadcast(src)) {
            return -Errno.EINVAL;
        }
        if (Addr.isV4LimitedBroadcast(dst) || (src == 0 && dst == 0)) {
            return broadcastInput4(fl, in, res);
        }
        if (Addr.isV4ZeroNet(src) || Addr.isV4ZeroNet(dst) || Addr.isV4Loopback(dst) || Addr.isV4Loopback(src)) {
            return -Errno.EINVAL;
        }
        int saveOif = fl.oif();
        fl.oif(0);
        int err = rules4.lookup(fl, res, null);
        fl.oif(saveOif);
        if (err != 0) {
            if (!forwarding4(in)) {
                err = -Errno.EHOSTUNREACH;
            }
            res.type = RouteType.UNREACHABLE;
            res.route = null;
            return err;
        }
        if (res.type == RouteType.BROADCAST) {
            return broadcastInput4(fl, in, res);
        }
        if (res.type == RouteType.LOCAL) {
            int rpErr = validateSource4(src, dst, 0, in);
            if (rpErr < 0) {
                return rpErr;
            }
            res.flags = FibResult.RTCF_LOCAL;
            res.dev = loopback != null ? loopback : in;
            res.nhLo = dst;
            return 0;
        }
        if (!forwarding4(in)) {
            res.type = RouteType.UNREACHABLE;
            res.route = null;
            return -Errno.EHOSTUNREACH;
        }
        if (res.type != RouteType.UNICAST) {
            return -Errno.EINVAL;
        }
        Route r = res.route;
        int rpErr = validateSource4(src, dst, r.dev() == null ? 0 : r.dev().ifindex(), in);
        if (rpErr < 0) {
            return rpErr;
        }
        res.dev = r.dev();
        nextHop(res, r, 0, dst);
        res.srcLo = src;
        pathMtu(Addr.V4, 0, dst, r, r.dev(), res);
        return 0;
    }

    private int broadcastInput4(Flow fl, NetDevice in, FibResult res) {
        long src = fl.srcLo();
        if (!Addr.isV4ZeroNet(src)) {
            int rpErr = validateSource4(src, fl.dstLo(), 0, in);
            if (rpErr < 0) {
                return rpErr;
            }
        }
        res.route = null;
        res.type = RouteType.BROADCAST;
        res.flags = FibResult.RTCF_BROADCAST | FibResult.RTCF_LOCAL;
        res.dev = loopback != null ? loopback : in;
        res.nhLo = fl.dstLo();
        return 0;
    }

    /**
     * {@code fib_validate_source}: without reverse-path filtering a source may not be one of this
     * host's addresses; with it, the route back to the source must leave through the device the
     * packet came in on (strict, 1) or through any device (loose, 2). 0 when valid, -EXDEV when the
     * reverse path fails, -EINVAL for a source that is no unicast address.
     */
    private int validateSource4(long src, long dst, int oif, NetDevice in) {
        int rpf = rpFilter(in);
        if (rpf == 0) {
            return deviceOwning4((int) src) != null ? -Errno.EINVAL : 0;
        }
        Flow fl = scratchFlow.reset().v4((int) src, (int) dst).iif(oif != 0 ? oif : loopbackIndex());
        FibResult r = scratchRes;
        r.reset();
        if (rules4.lookup(fl, r, null) != 0) {
            return -Errno.EXDEV; // no route back: reverse-path failure (fib_validate_source's last_resort)
        }
        if (r.type != RouteType.UNICAST) {
            return -Errno.EINVAL;
        }
        if (r.route.dev() == in) {
            return 0;
        }
        if (rpf == 1) {
            return -Errno.EXDEV; // strict: the route back leaves by another device (RFC 3704 section 2.2)
        }
        return 0;
    }

    private int input6(Flow fl, FibResult res) {
        res.reset();
        NetDevice in = device(fl.iif());
        if (in == null) {
            return -Errno.ENODEV;
        }
        long dHi = fl.dstHi();
        long dLo = fl.dstLo();
        if (Addr.isMulticast(Addr.V6, dHi, dLo)) {
            res.type = RouteType.MULTICAST;
            res.flags = FibResult.RTCF_MULTICAST | FibResult.RTCF_LOCAL;
            res.dev = loopback;
            res.nhHi = dHi;
            res.nhLo = dLo;
            return 0;
        }
        int saveOif = fl.oif();
        fl.oif(0);
        int err = rules6.lookup(fl, res, null);
        fl.oif(saveOif);
        if (err != 0) {
            return err;
        }
        Route r = res.route;
        if (res.type == RouteType.LOCAL) {
            res.flags = FibResult.RTCF_LOCAL;
            res.dev = loopback != null ? loopback : in;
            res.nhHi = dHi;
            res.nhLo = dLo;
            return 0;
        }
        res.dev = r.dev();
        nextHop(res, r, dHi, dLo);
        res.srcHi = fl.srcHi();
        res.srcLo = fl.srcLo();
        pathMtu(Addr.V6, dHi, dLo, r, r.dev(), res);
        return 0;
    }

    /** The neighbour to resolve: {@code r}'s gateway when it has one, else the destination itself. */
    private static void nextHop(FibResult res, Route r, long dHi, long dLo) {
        if (r != null && r.hasGateway()) {
            res.viaGateway = true;
            res.nhHi = r.gwHi();
            res.nhLo = r.gwLo();
        } else {
            res.nhHi = dHi;
            res.nhLo = dLo;
        }
    }

    /** Fills the path MTU: a learned exception in force, else the route's MTU, else the device's. */
    private void pathMtu(int family, long dHi, long dLo, Route route, NetDevice devOut, FibResult res) {
        int mtu = devOut != null ? devOut.mtu() : 0;
        if (route != null) {
            if (route.mtu() != 0) {
                mtu = route.mtu();
            }
            res.mtuLocked = route.mtuLock();
            PmtuCache.Entry e = pmtuCache(family).get(dHi, dLo, route, net.now());
            if (e != null) {
                res.pmtu = e.mtu();
                res.pmtuExpires = e.expires();
                res.mtuLocked |= e.locked();
                mtu = e.mtu();
            }
        }
        res.mtu = mtu;
    }

    // ---- source addresses ----

    /**
     * {@code inet_select_addr}: a primary address of {@code dev} of scope no wider than
     * {@code scope}, preferring one whose subnet contains {@code dst} (0 for any); else a primary
     * address of that scope on any device, lo first. 0 when there is none.
     */
    public int selectSource4(NetDevice dev, int dst, int scope) {
        int addr = 0;
        if (dev != null) {
            List<InetAddress4> list = dev.ipv4AddressList();
            for (int i = 0; i < list.size(); i++) {
                InetAddress4 a = list.get(i);
                if (a.secondary() || Math.min(a.scope(), RtNames.SCOPE_HOST) > scope) {
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
        }
        for (NetDevice d : byIndex) {
            if (d == null) {
                continue;
            }
            List<InetAddress4> list = d.ipv4AddressList();
            for (int i = 0; i < list.size(); i++) {
                InetAddress4 a = list.get(i);
                if (!a.secondary() && a.scope() != RtNames.SCOPE_LINK && a.scope() <= scope) {
                    return a.address();
                }
            }
        }
        return 0;
    }

    /** The source {@code ip route get} reports for a route: its prefsrc, else {@link #selectSource4} on its device. */
    private int prefsrc4(Route r) {
        if (r.hasPrefsrc()) {
            return r.prefsrc4();
        }
        return selectSource4(r.dev(), r.hasGateway() ? r.gateway4() : 0, r.scope());
    }

    /**
     * RFC 6724 source selection as Linux's {@code ipv6_dev_get_saddr} does it, for destination
     * {@code (dHi, dLo)} leaving through {@code dev}: candidates are {@code dev}'s addresses (only
     * those for a link-local or multicast destination), else every device's; tentative addresses
     * never. Rules: the destination itself; an appropriate scope; not deprecated; the outgoing
     * interface; the matching RFC 6724 label; the longest matching prefix. Writes the winner to
     * {@code out.srcHi/srcLo}; false when there is none.
     */
    boolean selectSource6(NetDevice dev, long dHi, long dLo, FibResult out) {
        int dScope = Addr.v6Scope(dHi, dLo);
        int dLabel = label6(dHi, dLo);
        InetAddress6 best = null;
        NetDevice bestDev = null;
        boolean onlyDev = dev != null && (Addr.isMulticast(Addr.V6, dHi, dLo) || dScope <= 2);
        if (dev != null) {
            List<InetAddress6> list = dev.ipv6AddressList();
            for (int i = 0; i < list.size(); i++) {
                InetAddress6 a = list.get(i);
                if (usable6(a) && (best == null || better6(a, dev, best, bestDev, dHi, dLo, dScope, dLabel, dev) > 0)) {
                    best = a;
                    bestDev = dev;
                }
            }
        }
        if (!onlyDev) {
            for (NetDevice d : byIndex) {
                if (d == null || d == dev) {
                    continue;
                }
                List<InetAddress6> list = d.ipv6AddressList();
                for (int i = 0; i < list.size(); i++) {
                    InetAddress6 a = list.get(i);
                    if (usable6(a) && (best == null || better6(a, d, best, bestDev, dHi, dLo, dScope, dLabel, dev) > 0)) {
                        best = a;
                        bestDev = d;
                    }
                }
            }
        }
        if (best == null) {
            return false;
        }
        out.srcHi = best.address().hi();
        out.srcLo = best.address().lo();
        return true;
    }

    private static boolean usable6(InetAddress6 a) {
        return !a.isTentative() && !a.hasFlag(InetAddress4.IFA_F_DADFAILED);
    }

    /** Positive when {@code a} (on {@code ad}) beats {@code b} (on {@code bd}) for the destination. */
    private static int better6(InetAddress6 a, NetDevice ad, InetAddress6 b, NetDevice bd, long dHi, long dLo,
                               int dScope, int dLabel, NetDevice out) {
        long ahi = a.address().hi();
        long alo = a.address().lo();
        long bhi = b.address().hi();
        long blo = b.address().lo();
        // Rule 1: prefer the destination address itself.
        int c = Boolean.compare(ahi == dHi && alo == dLo, bhi == dHi && blo == dLo);
        if (c != 0) {
            return c;
        }
        // Rule 2: the smallest scope at least the destination's, else the largest.
        c = Integer.compare(scopeScore(Addr.v6Scope(ahi, alo), dScope), scopeScore(Addr.v6Scope(bhi, blo), dScope));
        if (c != 0) {
            return c;
        }
        // Rule 3: avoid deprecated addresses.
        c = Boolean.compare(!a.isDeprecated(), !b.isDeprecated());
        if (c != 0) {
            return c;
        }
        // Rule 5: prefer the outgoing interface.
        c = Boolean.compare(out == null || ad == out, out == null || bd == out);
        if (c != 0) {
            return c;
        }
        // Rule 6: prefer a matching label.
        c = Boolean.compare(label6(ahi, alo) == dLabel, label6(bhi, blo) == dLabel);
        if (c != 0) {
            return c;
        }
        // Rule 8: longest matching prefix, counted no further than the address's own prefix.
        int la = Math.min(Addr.commonPrefixLen(ahi, alo, dHi, dLo), a.prefixLen());
        int lb = Math.min(Addr.commonPrefixLen(bhi, blo, dHi, dLo), b.prefixLen());
        return Integer.compare(la, lb);
    }

    private static int scopeScore(int s, int dScope) {
        return s >= dScope ? -s : s - 128;
    }

    /** RFC 6724 section 2.1 default policy table labels. */
    static int label6(long hi, long lo) {
        if (hi == 0 && lo == 1) {
            return 0;
        }
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return 4;
        }
        if ((hi >>> 48) == 0x2002L) {
            return 2;
        }
        if ((hi >>> 32) == 0x2001_0000L) {
            return 5;
        }
        if ((hi >>> 57) == (0xfc00L >>> 9)) {
            return 13;
        }
        if (hi == 0 && (lo >>> 32) == 0) {
            return 3;
        }
        if ((hi >>> 54) == (0xfec0L >>> 6)) {
            return 11;
        }
        if ((hi >>> 48) == 0x3ffeL) {
            return 12;
        }
        return 1;
    }

    /** {@link #selectSource6} for callers holding addresses as records; null when there is none. */
    public Ipv6Address selectSource6(NetDevice dev, Ipv6Address dst) {
        FibResult r = new FibResult();
        return selectSource6(dev, dst.hi(), dst.lo(), r) ? new Ipv6Address(r.srcHi, r.srcLo) : null;
    }

    // ---- address types ----

    /**
     * {@code inet_addr_type}: LOCAL for this host's addresses, BROADCAST for broadcast addresses
     * (and 0.0.0.0 and 255.255.255.255), MULTICAST, else UNICAST. Looks at table local.
     */
    public RouteType addrType4(int addr) {
        long a = Addr.v4(addr);
        if (Addr.isV4ZeroNet(a) || Addr.isV4LimitedBroadcast(a)) {
            return RouteType.BROADCAST;
        }
        if (Addr.isMulticast(Addr.V4, 0, a)) {
            return RouteType.MULTICAST;
        }
        FibTable local = table(Addr.V4, RtNames.TABLE_LOCAL);
        FibResult r = scratchRes;
        r.reset();
        if (local != null && local.lookup(scratchFlow.reset().v4(addr, 0), r) == 0) {
            return r.type;
        }
        return RouteType.UNICAST;
    }

    /** The device holding {@code addr} as one of its IPv4 addresses ({@code __ip_dev_find}), or null. */
    public NetDevice deviceOwning4(int addr) {
        for (NetDevice d : byIndex) {
            if (d == null) {
                continue;
            }
            List<InetAddress4> list = d.ipv4AddressList();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).address() == addr) {
                    return d;
                }
            }
        }
        return null;
    }

    /** True when {@code (hi, lo)} is one of this host's IPv6 addresses. */
    public boolean isLocal6(long hi, long lo) {
        for (NetDevice d : byIndex) {
            if (d == null) {
                continue;
            }
            List<InetAddress6> list = d.ipv6AddressList();
            for (int i = 0; i < list.size(); i++) {
                Ipv6Address a = list.get(i).address();
                if (a.hi() == hi && a.lo() == lo) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- path MTU ----

    public PmtuCache pmtuCache(int family) {
        return family == Addr.V4 ? pmtu4 : pmtu6;
    }

    /**
     * A router reported that packets to {@code dst} must be at most {@code mtu} bytes (ICMP
     * "fragmentation needed", ICMPv6 "packet too big"). As Linux's {@code __ip_rt_update_pmtu}:
     * a report below {@code net.ipv4.route.min_pmtu} is raised to it and locks the path MTU (DF is
     * no longer set); IPv6 raises to 1280; a report not below the current path MTU, or for a route
     * with {@code mtu lock}, is ignored. The exception lasts {@code mtu_expires} seconds.
     * Returns the path MTU now in force.
     */
    public int learnPmtu(int family, long dHi, long dLo, int mtu) {
        Flow fl = new Flow().set(family, dHi, dLo, 0, 0);
        FibResult res = new FibResult();
        if (outputRoute(fl, res) != 0 || res.route == null) {
            return 0;
        }
        if (res.route.mtuLock()) {
            return res.mtu;
        }
        boolean lock = false;
        long expiresIn;
        if (family == Addr.V4) {
            int min = minPmtu4.getInt();
            if (mtu < min) {
                lock = true;
                mtu = Math.min(res.mtu, min);
            }
            expiresIn = mtuExpires4.get();
        } else {
            mtu = Math.max(mtu, IPV6_MIN_MTU);
            expiresIn = mtuExpires6.get();
        }
        if (mtu >= res.mtu && !(lock && res.pmtu == 0)) {
            return res.mtu;
        }
        pmtuCache(family).put(new PmtuCache.Entry(family, dHi, dLo, mtu, lock, net.now() + expiresIn * NS, res.route, res.dev));
        return mtu;
    }

    /** {@link #learnPmtu} for an IPv4 destination. */
    public int learnPmtu4(int dst, int mtu) {
        return learnPmtu(Addr.V4, 0, Addr.v4(dst), mtu);
    }

    /** The path MTU to {@code dst} as output would use it (exception, route or device MTU); 0 without a route. */
    public int pmtu(int family, long dHi, long dLo) {
        Flow fl = new Flow().set(family, dHi, dLo, 0, 0);
        FibResult res = new FibResult();
        return outputRoute(fl, res) == 0 ? res.mtu : 0;
    }

    /** {@link #pmtu} for an IPv4 destination. */
    public int pmtu4(int dst) {
        return pmtu(Addr.V4, 0, Addr.v4(dst));
    }

    // ---- explanations ----

    /**
     * Why a lookup for {@code fl} ends as it does: the rules tried, the table that answered, the
     * route chosen and why the others lost, the source and MTU chosen. For {@code ip -d route get}.
     */
    public List<String> explain(Flow fl, boolean input) {
        FibTrace trace = new FibTrace();
        FibResult res = new FibResult();
        Flow copy = new Flow().set(fl.family(), fl.dstHi(), fl.dstLo(), fl.srcHi(), fl.srcLo())
                .oif(input ? 0 : fl.oif()).iif(input ? fl.iif() : loopbackIndex()).mark(fl.mark()).tos(fl.tos());
        rules(fl.family()).lookup(copy, res, trace);
        List<String> lines = trace.lines(copy, res, this);
        FibResult full = new FibResult();
        Flow again = new Flow().set(fl.family(), fl.dstHi(), fl.dstLo(), fl.srcHi(), fl.srcLo())
                .oif(fl.oif()).iif(fl.iif()).mark(fl.mark()).tos(fl.tos());
        int err = input ? inputRoute(again, full) : outputRoute(again, full);
        if (err != 0) {
            lines.add("explain: result: " + Errno.name(err) + " (" + Errno.message(err) + ")"
                    + (input && err == -Errno.EHOSTUNREACH && full.route == null && res.error == 0
                    ? ", the input device does not forward" : ""));
            return lines;
        }
        int fam = fl.family();
        StringBuilder sb = new StringBuilder("explain: result: ").append(full.type.ipName());
        if (full.viaGateway) {
            sb.append(" via ").append(Addr.format(fam, full.nhHi, full.nhLo));
        }
        sb.append(" dev ").append(full.dev == null ? "?" : full.dev.name());
        if (!input) {
            sb.append(", source ").append(Addr.format(fam, full.srcHi, full.srcLo)).append(' ').append(sourceReason(fl, full));
        }
        lines.add(sb.toString());
        if (full.pmtu != 0) {
            lines.add("explain: path MTU " + full.mtu + " from an exception learned from an ICMP report, expires in "
                    + Math.max(0, (full.pmtuExpires - net.now()) / NS) + "s");
        } else if (full.route != null && full.route.mtu() != 0) {
            lines.add("explain: path MTU " + full.mtu + " from the route's mtu" + (full.route.mtuLock() ? " lock" : ""));
        } else if (full.dev != null) {
            lines.add("explain: path MTU " + full.mtu + " from device " + full.dev.name());
        }
        return lines;
    }

    private String sourceReason(Flow fl, FibResult full) {
        if (fl.hasSrc()) {
            return "(given)";
        }
        Route r = full.route;
        if (r == null) {
            return "(no route: first primary address of the device)";
        }
        if (r.hasPrefsrc()) {
            return "(the route's src)";
        }
        if (full.type == RouteType.LOCAL) {
            return "(the local destination itself)";
        }
        if (fl.family() == Addr.V4) {
            return r.hasGateway() ? "(primary address of " + r.dev().name() + " in the gateway's subnet, else its first)"
                    : "(first primary address of " + r.dev().name() + " of scope " + RtNames.scopeName(r.scope()) + " or narrower)";
        }
        return "(RFC 6724: scope, not deprecated, outgoing interface, label, longest matching prefix)";
    }

    // ---- sysctls per device ----

    private DevConf conf(NetDevice dev) {
        int i = dev.ifindex();
        return i < conf.length ? conf[i] : null;
    }

    /** {@code net.ipv4.conf.DEV.forwarding}: may IPv4 packets received on {@code dev} be forwarded? Allocation-free. */
    public boolean forwarding4(NetDevice dev) {
        DevConf c = conf(dev);
        return c != null ? c.forwarding4().get() != 0 : allForwarding4.get() != 0;
    }

    /** {@code net.ipv6.conf.all.forwarding} or {@code net.ipv6.conf.DEV.forwarding}. Allocation-free. */
    public boolean forwarding6(NetDevice dev) {
        DevConf c = conf(dev);
        return allForwarding6.get() != 0 || c != null && c.forwarding6().get() != 0;
    }

    private int rpFilter(NetDevice dev) {
        DevConf c = conf(dev);
        long v = allRpFilter.get();
        if (c != null) {
            v = Math.max(v, c.rpFilter().get());
        }
        return (int) v;
    }

    boolean promoteSecondaries(NetDevice dev) {
        DevConf c = conf(dev);
        return c != null && c.promote().get() != 0;
    }

    boolean keepAddrOnDown(NetDevice dev) {
        DevConf c = conf(dev);
        return c != null && c.keepAddrOnDown().get() > 0;
    }

    // ---- device events ----

    private void deviceEvent(NetDevice dev, NetNs.DeviceEvent e) {
        switch (e) {
            case REGISTER -> registered(dev);
            case UNREGISTER -> unregistered(dev);
            case UP -> addrconf.deviceUp(dev);
            case DOWN -> down(dev);
            case CARRIER_UP -> addrconf.carrierUp(dev);
            case CARRIER_DOWN -> { }
        }
    }

    private void registered(NetDevice dev) {
        int i = dev.ifindex();
        if (i >= byIndex.length) {
            NetDevice[] n = new NetDevice[Math.max(i + 1, byIndex.length * 2)];
            System.arraycopy(byIndex, 0, n, 0, byIndex.length);
            byIndex = n;
            DevConf[] c = new DevConf[n.length];
            System.arraycopy(conf, 0, c, 0, conf.length);
            conf = c;
        }
        byIndex[i] = dev;
        conf[i] = new DevConf(sysctls.device("net.ipv4.conf", dev.name(), "forwarding"),
                sysctls.device("net.ipv4.conf", dev.name(), "rp_filter"),
                sysctls.device("net.ipv4.conf", dev.name(), "promote_secondaries"),
                sysctls.device("net.ipv6.conf", dev.name(), "forwarding"),
                sysctls.device("net.ipv6.conf", dev.name(), "keep_addr_on_down"));
        if ((dev.flags() & NetDevice.IFF_LOOPBACK) != 0 || dev.type() == NetDevice.ARPHRD_LOOPBACK) {
            if (loopback == null) {
                loopback = dev;
            }
        }
        rules4.relink();
        rules6.relink();
    }

    private void unregistered(NetDevice dev) {
        addrconf.unregister(dev);
        flushRoutes(Addr.V4, r -> r.dev() == dev);
        flushRoutes(Addr.V6, r -> r.dev() == dev);
        int i = dev.ifindex();
        if (i < byIndex.length) {
            byIndex[i] = null;
            conf[i] = null;
        }
        if (loopback == dev) {
            loopback = null;
        }
        rules4.relink();
        rules6.relink();
    }

    /**
     * {@code fib_sync_down_dev} + {@code fib_flush} and {@code rt6_sync_down_dev}: every IPv4
     * route through the device goes except host-scope ones (its local addresses), every IPv6
     * route through it goes; then its IPv6 addresses.
     */
    private void down(NetDevice dev) {
        flushRoutes(Addr.V4, r -> r.dev() == dev && r.scope() != RtNames.SCOPE_HOST);
        flushRoutes(Addr.V6, r -> r.dev() == dev);
        addrconf.deviceDown(dev);
    }

    @Override
    public String toString() {
        return "Routing[" + net.name() + "]";
    }
}
