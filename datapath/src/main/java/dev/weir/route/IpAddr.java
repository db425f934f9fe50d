package dev.weir.route;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.InetAddress4;
import dev.weir.core.InetAddress6;
import dev.weir.core.NetDevice;
import dev.weir.core.Qdisc;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip address}: {@code add}, {@code change}, {@code replace}, {@code del}, {@code flush}
 * and {@code show|list|lst}, with iproute2's syntax and its multi-line output: the link line
 * ({@code <FLAGS> mtu N qdisc Q state S group default qlen N}), {@code link/ether} or
 * {@code link/loopback}, then {@code inet}/{@code inet6} lines with scope, flags, label and
 * lifetimes.
 *
 * <p>The qdisc shown is the kind of the device's root qdisc (or its first transmit queue's),
 * "noqueue" when it has none. The state is UNKNOWN for the loopback device, UP for a device up with a carrier,
 * else DOWN (a NIC's operstate). Addresses are permanent ({@code forever}); a preferred lifetime
 * of 0 marks an IPv6 address deprecated. Other finite lifetimes and labels other than the device
 * name are not modelled.
 */
public final class IpAddr {
    private final Routing routing;

    public IpAddr(Routing routing) {
        this.routing = routing;
    }

    public void run(Args args, PrintWriter out) {
        run(args, out, out);
    }

    public void run(Args args, PrintWriter out, PrintWriter err) {
        Ip.Options o = Ip.begin(args, "address");
        if (!args.hasNext()) {
            list(o, args, out, false);
            return;
        }
        String c = args.next();
        if (RtNames.matches(c, "add")) {
            modify(o, args, true, false, err);
        } else if (RtNames.matches(c, "change") || c.equals("chg") || RtNames.matches(c, "replace")) {
            modify(o, args, true, true, err);
        } else if (RtNames.matches(c, "delete")) {
            modify(o, args, false, false, err);
        } else if (RtNames.matches(c, "list") || RtNames.matches(c, "show") || RtNames.matches(c, "lst")) {
            list(o, args, out, false);
        } else if (RtNames.matches(c, "flush")) {
            list(o, args, out, true);
        } else if (RtNames.matches(c, "save") || RtNames.matches(c, "showdump") || RtNames.matches(c, "restore")) {
            throw IpParse.unsupported("ip address " + c);
        } else if (RtNames.matches(c, "help")) {
            throw usage();
        } else {
            throw new CommandException(255, "Command \"" + c + "\" is unknown, try \"ip address help\".");
        }
    }

    private static CommandException usage() {
        return new CommandException(255, String.join("\n",
                "Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ] [ CONFFLAG-LIST ]",
                "       ip address del IFADDR dev IFNAME",
                "       ip address {show|flush} [ dev IFNAME ] [ scope SCOPE-ID ] [ to PREFIX ] [ up ]",
                "IFADDR := PREFIX | ADDR peer PREFIX [ broadcast ADDR ] [ scope SCOPE-ID ] [ metric METRIC ]",
                "SCOPE-ID := [ host | link | global | NUMBER ]",
                "CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG",
                "CONFFLAG  := [ nodad | noprefixroute ]",
                "LIFETIME := [ valid_lft forever ] [ preferred_lft forever | 0 ]"));
    }

    // ---- add, change, replace, del ----

    private record Flag(String name, int mask, boolean readonly, boolean v6only) {}

    private static final List<Flag> FLAGS = List.of(
            new Flag("secondary", InetAddress4.IFA_F_SECONDARY, true, false),
            new Flag("temporary", InetAddress4.IFA_F_SECONDARY, true, false),
            new Flag("nodad", InetAddress4.IFA_F_NODAD, false, true),
            new Flag("optimistic", InetAddress4.IFA_F_OPTIMISTIC, false, true),
            new Flag("dadfailed", InetAddress4.IFA_F_DADFAILED, true, true),
            new Flag("home", InetAddress4.IFA_F_HOMEADDRESS, false, true),
            new Flag("deprecated", InetAddress4.IFA_F_DEPRECATED, true, true),
            new Flag("tentative", InetAddress4.IFA_F_TENTATIVE, true, true),
            new Flag("permanent", InetAddress4.IFA_F_PERMANENT, true, true),
            new Flag("mngtmpaddr", InetAddress4.IFA_F_MANAGETEMPADDR, false, true),
            new Flag("noprefixroute", InetAddress4.IFA_F_NOPREFIXROUTE, false, false),
            new Flag("autojoin", InetAddress4.IFA_F_MCAUTOJOIN, false, false),
            new Flag("stable-privacy", InetAddress4.IFA_F_STABLE_PRIVACY, true, true));

    private static Flag flag(String name) {
        for (Flag f : FLAGS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private void modify(Ip.Options o, Args args, boolean add, boolean replace, PrintWriter err) {
        int family = o.family();
        IpParse.Inet local = null;
        String localArg = null;
        IpParse.Inet peer = null;
        IpParse.Inet brd = null;
        int brdAuto = 0;
        String devName = null;
        int scope = 0;
        boolean scoped = false;
        long metric = 0;
        String label = null;
        String validLft = null;
        String preferredLft = null;
        int flags = 0;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("peer") || w.equals("remote")) {
                String v = IpParse.next(args);
                if (peer != null) {
                    throw IpParse.duparg("peer", v);
                }
                peer = IpParse.prefix(v, family);
                family = family == 0 ? peer.family() : family;
            } else if (RtNames.matches(w, "broadcast") || w.equals("brd")) {
                String v = IpParse.next(args);
                if (brd != null || brdAuto != 0) {
                    throw IpParse.duparg("broadcast", v);
                }
                if (v.equals("+")) {
                    brdAuto = 1;
                } else if (v.equals("-")) {
                    brdAuto = 2;
                } else {
                    brd = IpParse.addr(v, family);
                    family = family == 0 ? brd.family() : family;
                }
            } else if (w.equals("anycast")) {
                throw IpParse.unsupported("anycast addresses");
            } else if (w.equals("scope")) {
                String v = IpParse.next(args);
                scope = RtNames.parseScope(v);
                if (scope < 0) {
                    throw IpParse.invarg("invalid scope value.", v);
                }
                scoped = true;
            } else if (w.equals("dev")) {
                devName = IpParse.next(args);
            } else if (w.equals("label")) {
                label = IpParse.next(args);
            } else if (RtNames.matches(w, "metric") || RtNames.matches(w, "priority") || RtNames.matches(w, "preference")) {
                metric = IpParse.u32(IpParse.next(args), "\"metric\" value is invalid\n");
            } else if (RtNames.matches(w, "valid_lft")) {
                if (validLft != null) {
                    throw IpParse.duparg("valid_lft", w);
                }
                validLft = IpParse.next(args);
                lifetime(validLft, "valid_lft value");
            } else if (RtNames.matches(w, "preferred_lft")) {
                if (preferredLft != null) {
                    throw IpParse.duparg("preferred_lft", w);
                }
                preferredLft = IpParse.next(args);
                lifetime(preferredLft, "preferred_lft value");
            } else if (flag(w) != null) {
                Flag f = flag(w);
                if (f.readonly()) {
                    err.print("Warning: " + f.name() + " option is not mutable from userspace\n");
                } else if (f.v6only() && family != Addr.V6) {
                    err.print("Warning: " + f.name() + " option can be set only for IPv6 addresses\n");
                } else {
                    flags |= f.mask();
                }
            } else {
                if (w.equals("local")) {
                    w = IpParse.next(args);
                }
                if (RtNames.matches(w, "help")) {
                    throw usage();
                }
                if (local != null) {
                    throw IpParse.duparg2("local", w);
                }
                localArg = w;
                local = IpParse.prefix(w, family);
                family = family == 0 ? local.family() : family;
            }
        }
        if (devName == null) {
            throw new CommandException(1, "Not enough information: \"dev\" argument is required.");
        }
        if (label != null && !label.equals(devName)) {
            if (label.startsWith(devName + ":")) {
                throw IpParse.unsupported("address labels (\"" + label + "\")");
            }
            throw new CommandException(1, "\"label\" (" + label + ") must match \"dev\" (" + devName
                    + ") or be prefixed by \"dev\" with a colon.");
        }
        int prefixLen = peer != null ? peer.len() : local != null ? local.len() : 0;
        boolean wildcard = false;
        if (peer == null && local != null && !add && local.family() == Addr.V4 && !local.lenGiven()) {
            err.print("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                    + "         Explicitly specify the prefix length (" + localArg + "/32) to avoid this warning.\n"
                    + "         This special behaviour is likely to disappear in further releases,\n"
                    + "         fix your scripts!\n");
            wildcard = true;
        }
        int broadcast = 0;
        if (brdAuto != 0 && add) {
            if (family != Addr.V4) {
                throw new CommandException(1, "Broadcast can be set only for IPv4 addresses");
            }
            IpParse.Inet base = peer != null ? peer : local;
            if (base != null && base.len() <= 30) {
                int hostMask = ~Ipv4Address.mask(base.len());
                broadcast = brdAuto == 1 ? base.v4() | hostMask : base.v4() & ~hostMask;
            }
        } else if (brd != null) {
            broadcast = brd.v4();
        }
        if (!scoped && add && local != null && local.family() == Addr.V4 && (local.lo() >>> 24) == 127) {
            scope = RtNames.SCOPE_HOST;
        }
        NetDevice dev = routing.net().device(devName);
        if (dev == null) {
            throw IpParse.nodev(devName);
        }
        if (family == 0) {
            family = Addr.V4;
        }
        long pref = Long.MAX_VALUE;
        if (preferredLft != null && !preferredLft.equals("forever")) {
            pref = RtNames.parseU32(preferredLft);
        }
        if (validLft != null && !validLft.equals("forever") || pref != Long.MAX_VALUE && pref != 0) {
            throw IpParse.unsupported("a finite address lifetime (Weir's addresses last forever; preferred_lft 0 deprecates)");
        }
        if (pref == 0) {
            flags |= InetAddress4.IFA_F_DEPRECATED;
        }
        try {
            if (family == Addr.V4) {
                v4(dev, add, replace, local, peer, wildcard, prefixLen, broadcast, scope, flags, (int) metric);
            } else {
                v6(dev, add, replace, local, peer, prefixLen, flags, (int) metric);
            }
        } catch (RtnlException e) {
            throw new CommandException(2, e.ipMessage());
        }
    }

    private static void lifetime(String v, String what) {
        if (!v.equals("forever") && RtNames.parseU32(v) < 0) {
            throw IpParse.invarg(what, v);
        }
    }

    private void v4(NetDevice dev, boolean add, boolean replace, IpParse.Inet local, IpParse.Inet peer, boolean wildcard,
                    int prefixLen, int broadcast, int scope, int flags, int metric) {
        AddrConf ac = routing.addresses();
        if (!add) {
            if (local == null) {
                throw new RtnlException(Errno.EADDRNOTAVAIL, "ipv4: Address not found");
            }
            ac.del4(dev, local.v4(), wildcard ? -1 : prefixLen);
            return;
        }
        if (local == null) {
            throw new RtnlException(Errno.EINVAL, "ipv4: Local address is not supplied");
        }
        int peerAddr = peer != null ? peer.v4() : local.v4();
        if (replace) {
            for (InetAddress4 a : List.copyOf(dev.ipv4AddressList())) {
                if (a.address() == local.v4() && a.prefixLen() == prefixLen) {
                    if (a.peer() == peerAddr && a.broadcast() == broadcast && a.scope() == scope && a.metric() == metric
                            && (a.flags() & ~InetAddress4.IFA_F_PERMANENT) == flags) {
                        return;
                    }
                    ac.delete4(dev, a);
                }
            }
        }
        ac.add4(dev, local.v4(), prefixLen, peerAddr, broadcast, scope, flags, metric);
    }

    private void v6(NetDevice dev, boolean add, boolean replace, IpParse.Inet local, IpParse.Inet peer, int prefixLen,
                    int flags, int metric) {
        AddrConf ac = routing.addresses();
        if (peer != null) {
            throw IpParse.unsupported("IPv6 peer addresses");
        }
        if (local == null) {
            throw new RtnlException(Errno.EINVAL, null);
        }
        Ipv6Address a = local.v6();
        if (!add) {
            ac.del6(dev, a, prefixLen);
            return;
        }
        if (replace) {
            for (InetAddress6 x : List.copyOf(dev.ipv6AddressList())) {
                if (x.address().equals(a)) {
                    if (x.prefixLen() == prefixLen && x.metric() == metric
                            && (x.flags() & ~InetAddress4.IFA_F_PERMANENT) == flags) {
                        return;
                    }
                    ac.delete6(dev, x);
                }
            }
        }
        ac.add6(dev, a, prefixLen, flags, metric);
    }

    // ---- show, flush ----

    private void list(Ip.Options o, Args args, PrintWriter out, boolean flush) {
        int family = o.family();
        String devName = null;
        int scope = -1;
        boolean up = false;
        IpParse.Inet to = null;
        if (flush && !args.hasNext()) {
            throw new CommandException(1, "Flush requires arguments.");
        }
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("to")) {
                String v = IpParse.next(args);
                to = IpParse.prefix1(v, family);
                if (to == null) {
                    throw IpParse.invarg("invalid \"to\"\n", v);
                }
                if (family == 0) {
                    family = to.family();
                }
            } else if (w.equals("scope")) {
                String v = IpParse.next(args);
                scope = RtNames.parseScope(v);
                if (scope < 0) {
                    if (!v.equals("all")) {
                        throw IpParse.invarg("invalid \"scope\"\n", v);
                    }
                    scope = -1;
                }
            } else if (w.equals("up")) {
                up = true;
            } else if (w.equals("label") || w.equals("group") || w.equals("master") || w.equals("vrf") || w.equals("type")
                    || flag(w) != null || flag(w.startsWith("-") ? w.substring(1) : w) != null
                    || w.equals("dynamic") || w.equals("primary")) {
                throw IpParse.unsupported("the address filter \"" + w + "\"");
            } else {
                if (w.equals("dev")) {
                    w = IpParse.next(args);
                } else if (RtNames.matches(w, "help")) {
                    throw usage();
                }
                if (devName != null) {
                    throw IpParse.duparg2("dev", w);
                }
                devName = w;
            }
        }
        NetDevice only = null;
        if (devName != null) {
            only = routing.net().device(devName);
            if (only == null) {
                throw new CommandException(1, "Device \"" + devName + "\" does not exist.");
            }
        }
        List<NetDevice> devs = new ArrayList<>();
        for (NetDevice d : routing.net().devices()) {
            if (only == null || d == only) {
                devs.add(d);
            }
        }
        devs.sort((a, b) -> Integer.compare(a.ifindex(), b.ifindex()));
        if (flush) {
            for (NetDevice d : devs) {
                flush(d, family, scope, to);
            }
            return;
        }
        for (NetDevice d : devs) {
            if (up && !d.isUp()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            boolean any = false;
            boolean missing = d.ipv4AddressList().isEmpty() && d.ipv6AddressList().isEmpty();
            if (family != Addr.V6) {
                for (InetAddress4 a : d.ipv4AddressList()) {
                    if ((scope < 0 || a.scope() == scope) && (to == null || matchesTo(to, Addr.V4, 0, Addr.v4(a.address())))) {
                        lines.add(inet4(d, a));
                        any = true;
                    }
                }
            }
            if (family != Addr.V4) {
                for (InetAddress6 a : d.ipv6AddressList()) {
                    if ((scope < 0 || a.scope() == scope) && (to == null || matchesTo(to, Addr.V6, a.address().hi(), a.address().lo()))) {
                        lines.add(inet6(a));
                        any = true;
                    }
                }
            }
            if (!any && !(missing && family == 0)) {
                continue;
            }
            out.print(linkLine(d));
            if (family == 0) {
                out.print(linkLayerLine(d));
            }
            for (String l : lines) {
                out.print(l);
            }
        }
    }

    private static boolean matchesTo(IpParse.Inet to, int family, long hi, long lo) {
        return (to.family() == 0 || to.family() == family) && Addr.inPrefix(family, to.hi(), to.lo(), to.len(), hi, lo);
    }

    private void flush(NetDevice d, int family, int scope, IpParse.Inet to) {
        AddrConf ac = routing.addresses();
        if (family != Addr.V6) {
            for (InetAddress4 a : List.copyOf(d.ipv4AddressList())) {
                if (d.ipv4AddressList().contains(a) && (scope < 0 || a.scope() == scope)
                        && (to == null || matchesTo(to, Addr.V4, 0, Addr.v4(a.address())))) {
                    ac.delete4(d, a);
                }
            }
        }
        if (family != Addr.V4) {
            for (InetAddress6 a : List.copyOf(d.ipv6AddressList())) {
                if ((scope < 0 || a.scope() == scope) && (to == null || matchesTo(to, Addr.V6, a.address().hi(), a.address().lo()))) {
                    ac.delete6(d, a);
                }
            }
        }
    }

    /** "N: NAME: <FLAGS> mtu M qdisc Q [master X] state S group default qlen L". */
    static String linkLine(NetDevice d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.ifindex()).append(": ").append(d.name()).append(": <").append(linkFlags(d)).append("> mtu ")
                .append(d.mtu()).append(" qdisc ").append(qdiscKind(d)).append(' ');
        if (d.master() != null) {
            sb.append("master ").append(d.master().name()).append(' ');
        }
        sb.append("state ").append(operState(d)).append(" group default qlen ").append(d.txQueueLen()).append('\n');
        return sb.toString();
    }

    /** {@code link/ether MAC brd ff:ff:ff:ff:ff:ff} or {@code link/loopback 00:..:00 brd 00:..:00}. */
    static String linkLayerLine(NetDevice d) {
        if (d.type() == NetDevice.ARPHRD_LOOPBACK || (d.flags() & NetDevice.IFF_LOOPBACK) != 0) {
            return "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
        }
        String brd = (d.flags() & NetDevice.IFF_BROADCAST) != 0 ? MacAddress.BROADCAST.toString() : "00:00:00:00:00:00";
        return "    link/ether " + d.macAddress() + " brd " + brd + "\n";
    }

    /** iproute2's {@code print_link_flags}: NO-CARRIER first when up without a carrier, then the IFF_ names. */
    static String linkFlags(NetDevice d) {
        int f = d.flags();
        List<String> names = new ArrayList<>();
        boolean up = (f & NetDevice.IFF_UP) != 0;
        boolean lowerUp = up && d.hasCarrier();
        if (up && !lowerUp) {
            names.add("NO-CARRIER");
        }
        if ((f & NetDevice.IFF_LOOPBACK) != 0) {
            names.add("LOOPBACK");
        }
        if ((f & NetDevice.IFF_BROADCAST) != 0) {
            names.add("BROADCAST");
        }
        if ((f & NetDevice.IFF_MULTICAST) != 0) {
            names.add("MULTICAST");
        }
        if ((f & NetDevice.IFF_NOARP) != 0) {
            names.add("NOARP");
        }
        if ((f & NetDevice.IFF_PROMISC) != 0) {
            names.add("PROMISC");
        }
        if (up) {
            names.add("UP");
        }
        if (lowerUp) {
            names.add("LOWER_UP");
        }
        return String.join(",", names);
    }

    /** The root qdisc's kind ({@code IFLA_QDISC}), else the first queue's, else "noqueue". */
    static String qdiscKind(NetDevice d) {
        Qdisc q = d.rootQdisc();
        if (q == null && d.numTxQueues() > 0) {
            q = d.txQueue(0).qdisc();
        }
        return q == null ? "noqueue" : q.kind();
    }

    static String operState(NetDevice d) {
        if (!d.isUp() || !d.hasCarrier()) {
            return "DOWN";
        }
        return (d.flags() & NetDevice.IFF_LOOPBACK) != 0 ? "UNKNOWN" : "UP";
    }

    /** "    inet ADDR[ peer P]/LEN [metric M ][brd B ]scope S [flags ]LABEL" and the lifetime line. */
    private static String inet4(NetDevice d, InetAddress4 a) {
        StringBuilder sb = new StringBuilder("    inet ");
        sb.append(Ipv4Address.toString(a.address()));
        if (a.hasPeer()) {
            sb.append(" peer ").append(Ipv4Address.toString(a.peer()));
        }
        sb.append('/').append(a.prefixLen()).append(' ');
        if (a.metric() != 0) {
            sb.append("metric ").append(Integer.toUnsignedString(a.metric())).append(' ');
        }
        if (a.broadcast() != 0) {
            sb.append("brd ").append(Ipv4Address.toString(a.broadcast())).append(' ');
        }
        sb.append("scope ").append(RtNames.scopeName(a.scope())).append(' ');
        sb.append(flagWords(a.flags() | (a.secondary() ? InetAddress4.IFA_F_SECONDARY : 0), false));
        sb.append(d.name()).append('\n');
        sb.append("       valid_lft forever preferred_lft forever\n");
        return sb.toString();
    }

    private static String inet6(InetAddress6 a) {
        StringBuilder sb = new StringBuilder("    inet6 ");
        sb.append(a.address()).append('/').append(a.prefixLen()).append(' ');
        if (a.metric() != 0) {
            sb.append("metric ").append(Integer.toUnsignedString(a.metric())).append(' ');
        }
        sb.append("scope ").append(RtNames.scopeName(a.scope())).append(' ');
        sb.append(flagWords(a.flags(), true)).append('\n');
        sb.append("       valid_lft forever preferred_lft ").append(a.isDeprecated() ? "0sec" : "forever").append('\n');
        return sb.toString();
    }

    /** {@code print_ifa_flags}: in iproute2's table order, "dynamic" for an address that is not permanent. */
    private static String flagWords(int flags, boolean v6) {
        StringBuilder sb = new StringBuilder();
        int left = flags;
        for (Flag f : FLAGS) {
            if (f.mask() == InetAddress4.IFA_F_PERMANENT) {
                if ((flags & f.mask()) == 0) {
                    sb.append("dynamic ");
                }
            } else if ((left & f.mask()) != 0) {
                if (f.mask() == InetAddress4.IFA_F_SECONDARY && v6) {
                    sb.append("temporary ");
                } else {
                    sb.append(f.name()).append(' ');
                }
            }
            left &= ~f.mask();
        }
        if (left != 0) {
            sb.append(String.format("flags %02x ", left));
        }
        return sb.toString();
    }
}
