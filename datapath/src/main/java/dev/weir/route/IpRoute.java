package dev.weir.route;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code ip route}: {@code add}, {@code change}, {@code replace}, {@code prepend},
 * {@code append}, {@code del}, {@code show|list|lst} (with {@code table}, {@code dev},
 * {@code proto}, {@code scope}, {@code type}, {@code via}, {@code src}, {@code metric},
 * {@code root|match|exact} selectors, and {@code cache}), {@code flush}, and {@code get} (with
 * {@code from}, {@code iif}, {@code oif}, {@code mark}, {@code tos}, {@code fibmatch}), reading
 * arguments and printing results as iproute2 6.x does.
 *
 * <p>{@code ip -d route get} prints, after Linux's lines, lines starting "explain:" that say
 * which rules were tried, which table answered, which route won and why the others lost (after
 * the error on standard error when the lookup fails).
 *
 * <p>Not modelled: multipath ({@code nexthop}), nexthop objects, encapsulation, source-specific
 * routes ({@code from} on add), route metrics other than {@code mtu}, {@code save}/{@code restore}.
 */
public final class IpRoute {
    private static final int DEL = -1;

    private final Routing routing;

    public IpRoute(Routing routing) {
        this.routing = routing;
    }

    /** Runs {@code ip ...route...}; {@code args} are the words after "ip". Warnings go to {@code out}. */
    public void run(Args args, PrintWriter out) {
        run(args, out, out);
    }

    /** Runs {@code ip ...route...} with warnings to {@code err}. */
    public void run(Args args, PrintWriter out, PrintWriter err) {
        Ip.Options o = Ip.begin(args, "route");
        if (!args.hasNext()) {
            list(o, args, out, false);
            return;
        }
        String c = args.next();
        if (RtNames.matches(c, "add")) {
            modify(o, args, FibTable.NLM_F_CREATE | FibTable.NLM_F_EXCL);
        } else if (RtNames.matches(c, "change") || c.equals("chg")) {
            modify(o, args, FibTable.NLM_F_REPLACE);
        } else if (RtNames.matches(c, "replace")) {
            modify(o, args, FibTable.NLM_F_CREATE | FibTable.NLM_F_REPLACE);
        } else if (RtNames.matches(c, "prepend")) {
            modify(o, args, FibTable.NLM_F_CREATE);
        } else if (RtNames.matches(c, "append")) {
            modify(o, args, FibTable.NLM_F_CREATE | FibTable.NLM_F_APPEND);
        } else if (RtNames.matches(c, "test")) {
            modify(o, args, FibTable.NLM_F_EXCL);
        } else if (RtNames.matches(c, "delete")) {
            modify(o, args, DEL);
        } else if (RtNames.matches(c, "list") || RtNames.matches(c, "show") || RtNames.matches(c, "lst")) {
            list(o, args, out, false);
        } else if (RtNames.matches(c, "get")) {
            get(o, args, out, err);
        } else if (RtNames.matches(c, "flush")) {
            list(o, args, out, true);
        } else if (RtNames.matches(c, "save") || RtNames.matches(c, "restore") || RtNames.matches(c, "showdump")) {
            throw IpParse.unsupported("ip route " + c);
        } else if (RtNames.matches(c, "help")) {
            throw usage();
        } else {
            throw new CommandException(255, "Command \"" + c + "\" is unknown, try \"ip route help\".");
        }
    }

    static CommandException usage() {
        return new CommandException(255, String.join("\n",
                "Usage: ip route { list | flush } SELECTOR",
                "       ip route get ADDRESS [ from ADDRESS iif STRING ] [ oif STRING ] [ tos TOS ] [ mark NUMBER ] [ fibmatch ]",
                "       ip route { add | del | change | append | replace } ROUTE",
                "SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ] [ table TABLE_ID ] [ proto RTPROTO ]",
                "            [ type TYPE ] [ scope SCOPE ]",
                "ROUTE := [ TYPE ] PREFIX [ tos TOS ] [ table TABLE_ID ] [ proto RTPROTO ] [ scope SCOPE ] [ metric METRIC ]",
                "         [ via ADDRESS ] [ dev STRING ] [ onlink ] [ src ADDRESS ] [ mtu [ lock ] NUMBER ] [ pref PREF ]",
                "TYPE := { unicast | local | broadcast | multicast | throw | unreachable | prohibit | blackhole }",
                "TABLE_ID := [ local | main | default | all | NUMBER ]",
                "SCOPE := [ host | link | global | NUMBER ]",
                "RTPROTO := [ kernel | boot | static | NUMBER ]",
                "PREF := [ low | medium | high ]"));
    }

    // ---- add, change, replace, prepend, append, del ----

    private void modify(Ip.Options o, Args args, int flags) {
        boolean del = flags == DEL;
        int family = o.family();
        IpParse.Inet dst = null;
        IpParse.Inet gw = null;
        IpParse.Inet src = null;
        String devName = null;
        RouteType type = del ? null : RouteType.UNICAST;
        boolean typeOk = false;
        int table = RtNames.TABLE_MAIN;
        boolean tableOk = false;
        int proto = del ? 0 : RtNames.PROTO_BOOT;
        int scope = del ? RtNames.SCOPE_NOWHERE : RtNames.SCOPE_UNIVERSE;
        boolean scopeOk = false;
        long metric = 0;
        int tos = 0;
        int mtu = 0;
        boolean mtuLock = false;
        boolean onlink = false;
        int pref = Route.PREF_MEDIUM;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("src")) {
                src = IpParse.addr(IpParse.next(args), family);
                family = family == 0 ? src.family() : family;
            } else if (w.equals("as")) {
                throw IpParse.unsupported("NAT (\"as\")");
            } else if (w.equals("via")) {
                if (gw != null) {
                    throw IpParse.invarg("use nexthop syntax to specify multiple via\n", w);
                }
                String v = IpParse.next(args);
                int viaFamily = readFamily(v);
                if (viaFamily >= 0) {
                    v = IpParse.next(args);
                }
                int fam = viaFamily > 0 ? viaFamily : family;
                gw = IpParse.addr(v, fam);
                if (family == 0) {
                    family = gw.family();
                }
                if (gw.family() != family) {
                    throw IpParse.unsupported("a gateway of another family (RTA_VIA)");
                }
            } else if (w.equals("from")) {
                throw IpParse.unsupported("source-specific routes (\"from\")");
            } else if (w.equals("tos") || RtNames.matches(w, "dsfield")) {
                String v = IpParse.next(args);
                tos = RtNames.parseDsfield(v);
                if (tos < 0) {
                    throw IpParse.invarg("\"tos\" value is invalid\n", v);
                }
            } else if (w.equals("expires")) {
                throw IpParse.unsupported("route expiry (\"expires\")");
            } else if (RtNames.matches(w, "metric") || RtNames.matches(w, "priority") || w.equals("preference")) {
                metric = IpParse.u32(IpParse.next(args), "\"metric\" value is invalid\n");
            } else if (w.equals("scope")) {
                String v = IpParse.next(args);
                scope = RtNames.parseScope(v);
                if (scope < 0) {
                    throw IpParse.invarg("invalid \"scope\" value\n", v);
                }
                scopeOk = true;
            } else if (w.equals("mtu")) {
                String v = IpParse.next(args);
                if (v.equals("lock")) {
                    mtuLock = true;
                    v = IpParse.next(args);
                }
                long m = RtNames.parseUnsigned(v);
                if (m < 0 || m > 0xffff_ffffL) {
                    throw IpParse.invarg("\"mtu\" value is invalid\n", v);
                }
                mtu = (int) m;
            } else if (w.equals("hoplimit") || w.equals("advmss") || RtNames.matches(w, "reordering") || w.equals("rtt")
                    || w.equals("rto_min") || RtNames.matches(w, "window") || RtNames.matches(w, "cwnd")
                    || RtNames.matches(w, "initcwnd") || RtNames.matches(w, "initrwnd") || RtNames.matches(w, "features")
                    || RtNames.matches(w, "quickack") || RtNames.matches(w, "congctl") || RtNames.matches(w, "rttvar")
                    || RtNames.matches(w, "ssthresh") || RtNames.matches(w, "fastopen_no_cookie")) {
                throw IpParse.unsupported("the route metric \"" + w + "\"");
            } else if (RtNames.matches(w, "realms") || w.equals("encap") || w.equals("ttl-propagate") || w.equals("nhid")
                    || RtNames.matches(w, "vrf")) {
                throw IpParse.unsupported("\"" + w + "\"");
            } else if (w.equals("onlink")) {
                onlink = true;
            } else if (w.equals("nexthop")) {
                throw IpParse.unsupported("multipath routes (\"nexthop\")");
            } else if (RtNames.matches(w, "protocol")) {
                String v = IpParse.next(args);
                proto = RtNames.parseProto(v);
                if (proto < 0) {
                    throw IpParse.invarg("\"protocol\" value is invalid\n", v);
                }
            } else if (RtNames.matches(w, "table")) {
                String v = IpParse.next(args);
                long t = RtNames.parseTable(v);
                if (t < 0) {
                    throw IpParse.invarg("\"table\" value is invalid\n", v);
                }
                table = (int) t;
                tableOk = true;
            } else if (w.equals("dev") || w.equals("oif")) {
                devName = IpParse.next(args);
            } else if (RtNames.matches(w, "pref")) {
                String v = IpParse.next(args);
                pref = switch (v) {
                    case "low" -> Route.PREF_LOW;
                    case "medium" -> Route.PREF_MEDIUM;
                    case "high" -> Route.PREF_HIGH;
                    default -> {
                        long p = RtNames.parseU32(v);
                        if (p < 0 || p > 255) {
                            throw IpParse.invarg("\"pref\" value is invalid\n", v);
                        }
                        yield (int) p;
                    }
                };
            } else {
                if (w.equals("to")) {
                    w = IpParse.next(args);
                }
                if ((w.isEmpty() || w.charAt(0) < '0' || w.charAt(0) > '9') && RtNames.parseType(w) != null) {
                    type = RtNames.parseType(w);
                    typeOk = true;
                    w = IpParse.next(args);
                }
                if (RtNames.matches(w, "help")) {
                    throw usage();
                }
                if (dst != null) {
                    throw IpParse.duparg2("to", w);
                }
                dst = IpParse.prefix(w, family);
                if (family == 0) {
                    family = dst.family();
                }
            }
        }
        if (dst == null) {
            throw usage();
        }
        NetDevice dev = null;
        if (devName != null) {
            dev = routing.net().device(devName);
            if (dev == null) {
                throw IpParse.nodev(devName);
            }
        }
        if (family == 0) {
            family = Addr.V4;
        }
        if (dst.family() != 0 && dst.family() != family || gw != null && gw.family() != family
                || src != null && src.family() != family) {
            throw new CommandException(2, "RTNETLINK answers: " + Errno.message(Errno.EINVAL));
        }
        if (!tableOk && type != null && (type == RouteType.LOCAL || type == RouteType.BROADCAST
                || type == RouteType.NAT || type == RouteType.ANYCAST)) {
            table = RtNames.TABLE_LOCAL;
        }
        if (!scopeOk) {
            if (family == Addr.V6) {
                scope = RtNames.SCOPE_UNIVERSE;
            } else if (type == RouteType.LOCAL || type == RouteType.NAT) {
                scope = RtNames.SCOPE_HOST;
            } else if (type == RouteType.BROADCAST || type == RouteType.MULTICAST || type == RouteType.ANYCAST) {
                scope = RtNames.SCOPE_LINK;
            } else if (type == null || type == RouteType.UNICAST || type == RouteType.UNSPEC) {
                if (del) {
                    scope = RtNames.SCOPE_NOWHERE;
                } else if (gw == null) {
                    scope = RtNames.SCOPE_LINK;
                }
            }
        }
        try {
            if (del) {
                delete(family, dst, type, table, proto, scope, (int) metric, tos, gw, dev, src);
                return;
            }
            Route.Builder b = Route.builder(family).dst(dst.hi(), dst.lo(), dst.len()).type(type).table(table)
                    .protocol(proto).scope(scope).metric((int) metric).tos(tos).dev(dev).mtu(mtu, mtuLock)
                    .onlink(onlink).pref(pref);
            if (gw != null) {
                b.gateway(gw.hi(), gw.lo());
            }
            if (src != null) {
                b.prefsrc(src.hi(), src.lo());
            }
            routing.addRoute(b, flags);
        } catch (RtnlException e) {
            throw new CommandException(2, e.ipMessage());
        }
    }

    /** {@code read_family}: the family word after "via", -1 when the word is an address instead. */
    private static int readFamily(String w) {
        return switch (w) {
            case "inet" -> Addr.V4;
            case "inet6" -> Addr.V6;
            case "link", "ipx", "dnet", "mpls", "bridge" -> throw IpParse.unsupported("a gateway of family " + w);
            default -> -1;
        };
    }

    private void delete(int family, IpParse.Inet dst, RouteType type, int table, int proto, int scope, int metric,
                        int tos, IpParse.Inet gw, NetDevice dev, IpParse.Inet src) {
        Predicate<Route> which = r -> (type == null || r.type() == type)
                && (family == Addr.V6 || scope == RtNames.SCOPE_NOWHERE || r.scope() == scope)
                && (src == null || r.hasPrefsrc() && r.srcHi() == src.hi() && r.srcLo() == src.lo())
                && (proto == 0 || r.protocol() == proto)
                && (metric == 0 || r.metric() == metric)
                && (gw == null || r.hasGateway() && r.gwHi() == gw.hi() && r.gwLo() == gw.lo())
                && (dev == null || r.dev() == dev);
        routing.deleteRoute(family, table, dst.hi(), dst.lo(), dst.len(), tos, which);
    }

    // ---- show, flush ----

    private void list(Ip.Options o, Args args, PrintWriter out, boolean flush) {
        int family = o.family();
        long tb = RtNames.TABLE_MAIN;
        boolean cloned = false;
        RouteFormat.Options fmt = new RouteFormat.Options();
        fmt.details = o.details() > 0;
        int proto = -1;
        int scope = -1;
        long typeMask = 0;
        int tos = -1;
        String od = null;
        long metric = -1;
        IpParse.Inet via = null;
        IpParse.Inet prefsrc = null;
        IpParse.Inet root = null;
        IpParse.Inet match = null;
        boolean fromGiven = false;
        if (flush && !args.hasNext()) {
            throw new CommandException(1, "\"ip route flush\" requires arguments.");
        }
        while (args.hasNext()) {
            String w = args.next();
            if (RtNames.matches(w, "table")) {
                String v = IpParse.next(args);
                long t = RtNames.parseTable(v);
                if (t < 0) {
                    switch (v) {
                        case "all" -> tb = 0;
                        case "cache" -> cloned = true;
                        case "help" -> throw usage();
                        default -> throw IpParse.invarg("table id value is invalid\n", v);
                    }
                } else {
                    tb = t;
                }
            } else if (RtNames.matches(w, "vrf")) {
                throw IpParse.unsupported("\"vrf\"");
            } else if (RtNames.matches(w, "cached") || RtNames.matches(w, "cloned")) {
                cloned = true;
            } else if (w.equals("tos") || RtNames.matches(w, "dsfield")) {
                String v = IpParse.next(args);
                tos = RtNames.parseDsfield(v);
                if (tos < 0) {
                    throw IpParse.invarg("TOS value is invalid\n", v);
                }
                fmt.tosFiltered = true;
            } else if (RtNames.matches(w, "protocol")) {
                String v = IpParse.next(args);
                proto = RtNames.parseProto(v);
                fmt.protoFiltered = true;
                if (proto < 0) {
                    if (!v.equals("all")) {
                        throw IpParse.invarg("invalid \"protocol\"\n", v);
                    }
                    proto = -1;
                    fmt.protoFiltered = false;
                }
            } else if (RtNames.matches(w, "scope")) {
                String v = IpParse.next(args);
                scope = RtNames.parseScope(v);
                fmt.scopeFiltered = true;
                if (scope < 0) {
                    if (!v.equals("all")) {
                        throw IpParse.invarg("invalid \"scope\"\n", v);
                    }
                    scope = -1;
                    fmt.scopeFiltered = false;
                }
            } else if (RtNames.matches(w, "type")) {
                String v = IpParse.next(args);
                RouteType t = RtNames.parseType(v);
                if (t == null) {
                    throw IpParse.invarg("node type value is invalid\n", v);
                }
                typeMask = 1L << t.number();
                fmt.typeFiltered = true;
            } else if (w.equals("dev") || w.equals("oif")) {
                od = IpParse.next(args);
            } else if (w.equals("iif")) {
                String v = IpParse.next(args);
                if (routing.net().device(v) == null) {
                    throw IpParse.nodev(v);
                }
            } else if (w.equals("mark")) {
                IpParse.u32(IpParse.next(args), "invalid mark value");
            } else if (RtNames.matches(w, "metric") || RtNames.matches(w, "priority") || w.equals("preference")) {
                metric = IpParse.u32(IpParse.next(args), "\"metric\" value is invalid\n");
                fmt.metricFiltered = true;
            } else if (w.equals("via")) {
                String v = IpParse.next(args);
                int f = readFamily(v);
                if (f >= 0) {
                    v = IpParse.next(args);
                }
                via = IpParse.prefix(v, f > 0 ? f : family);
                fmt.viaHostFiltered = via.len() == Addr.maxLen(via.family());
            } else if (w.equals("src")) {
                prefsrc = IpParse.prefix(IpParse.next(args), family);
                fmt.srcHostFiltered = prefsrc.len() == Addr.maxLen(prefsrc.family());
            } else if (RtNames.matches(w, "realms")) {
                throw IpParse.unsupported("\"realms\"");
            } else if (RtNames.matches(w, "from")) {
                String v = IpParse.next(args);
                if (RtNames.matches(v, "root") || RtNames.matches(v, "match") || RtNames.matches(v, "exact")) {
                    v = IpParse.next(args);
                }
                IpParse.Inet f = IpParse.prefix(v, family);
                fromGiven = f.len() > 0;
            } else {
                if (RtNames.matches(w, "to")) {
                    w = IpParse.next(args);
                }
                if (RtNames.matches(w, "root")) {
                    root = IpParse.prefix(IpParse.next(args), family);
                } else if (RtNames.matches(w, "match")) {
                    match = IpParse.prefix(IpParse.next(args), family);
                } else {
                    if (RtNames.matches(w, "exact")) {
                        w = IpParse.next(args);
                    }
                    match = IpParse.prefix(w, family);
                    root = match;
                }
            }
        }
        int dumpFamily = family;
        if (dumpFamily == 0 && tb != 0) {
            dumpFamily = Addr.V4;
        }
        NetDevice oifDev = null;
        if (od != null) {
            oifDev = routing.net().device(od);
            if (oifDev == null) {
                throw IpParse.nodev(od);
            }
            fmt.devFiltered = true;
        }
        fmt.tableFiltered = tb != 0;
        if (cloned) {
            if (!flush) {
                showCache(dumpFamily, oifDev, out);
            } else {
                for (int f : families(dumpFamily)) {
                    routing.pmtuCache(f).clear(f);
                }
            }
            return;
        }
        List<Route> selected = new ArrayList<>();
        for (int f : families(dumpFamily)) {
            if (tb != 0 && routing.table(f, (int) tb) == null) {
                if (dumpFamily != 0) {
                    throw new CommandException(2, "Error: ipv" + f + ": FIB table does not exist.\nDump terminated");
                }
                continue;
            }
            for (FibTable t : routing.tables(f)) {
                if (tb != 0 && t.id() != tb) {
                    continue;
                }
                for (Route r : t.routes()) {
                    if (fromGiven || proto >= 0 && r.protocol() != proto || scope >= 0 && r.scope() != scope
                            || typeMask != 0 && (typeMask & (1L << r.type().number())) == 0
                            || tos >= 0 && r.tos() != tos || oifDev != null && r.dev() != oifDev
                            || metric >= 0 && Integer.toUnsignedLong(r.metric()) != metric) {
                        continue;
                    }
                    if (!prefixFilter(r, root, match) || !hostFilter(r, via, true) || !hostFilter(r, prefsrc, false)) {
                        continue;
                    }
                    selected.add(r);
                }
            }
        }
        if (flush) {
            for (Route r : selected) {
                routing.flushRoutes(r.family(), x -> x == r);
            }
            return;
        }
        for (Route r : selected) {
            out.print(RouteFormat.line(r, fmt));
        }
    }

    private static int[] families(int dumpFamily) {
        return dumpFamily == 0 ? new int[] {Addr.V4, Addr.V6} : new int[] {dumpFamily};
    }

    /** {@code root P}: routes inside P (dst_len >= len); {@code match P}: routes containing P (dst_len <= len). */
    private static boolean prefixFilter(Route r, IpParse.Inet root, IpParse.Inet match) {
        if (root != null) {
            if (root.family() != 0 && root.family() != r.family() || root.len() > r.dstLen()) {
                return false;
            }
            if (root.len() > 0 && !Addr.inPrefix(r.family(), root.hi(), root.lo(), root.len(), r.dstHi(), r.dstLo())) {
                return false;
            }
        }
        if (match != null) {
            if (match.family() != 0 && match.family() != r.family() || match.len() < r.dstLen()) {
                return false;
            }
            if (r.dstLen() > 0 && !Addr.inPrefix(r.family(), r.dstHi(), r.dstLo(), r.dstLen(), match.hi(), match.lo())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostFilter(Route r, IpParse.Inet p, boolean gateway) {
        if (p == null) {
            return true;
        }
        if (p.family() != 0 && p.family() != r.family()) {
            return false;
        }
        if (p.len() == 0) {
            return true;
        }
        boolean has = gateway ? r.hasGateway() : r.hasPrefsrc();
        long hi = gateway ? r.gwHi() : r.srcHi();
        long lo = gateway ? r.gwLo() : r.srcLo();
        return has && Addr.inPrefix(r.family(), p.hi(), p.lo(), p.len(), hi, lo);
    }

    /** {@code ip route show cache}: the path-MTU exceptions, as Linux lists its cloned routes. */
    private void showCache(int dumpFamily, NetDevice oifDev, PrintWriter out) {
        long now = routing.net().now();
        for (int f : families(dumpFamily)) {
            for (PmtuCache.Entry e : routing.pmtuCache(f).entries(f, now)) {
                if (oifDev != null && e.dev() != oifDev) {
                    continue;
                }
                Route r = e.route();
                StringBuilder sb = new StringBuilder();
                sb.append(Addr.format(f, e.dstHi(), e.dstLo())).append(' ');
                if (r.hasGateway()) {
                    sb.append("via ").append(Addr.format(f, r.gwHi(), r.gwLo())).append(' ');
                }
                if (e.dev() != null && oifDev == null) {
                    sb.append("dev ").append(e.dev().name()).append(' ');
                }
                if (f == Addr.V4) {
                    sb.append("\n    cache ");
                } else {
                    sb.append("metric ").append(Integer.toUnsignedString(r.metric())).append(' ');
                }
                sb.append("expires ").append(expiresSeconds(e.expires(), now)).append("sec ");
                RouteFormat.metrics(sb, e.mtu(), e.locked());
                if (f == Addr.V6) {
                    sb.append(RouteFormat.prefName(r.pref()));
                }
                out.print(sb.append('\n'));
            }
        }
    }

    /** What Linux prints for an expiry: whole seconds left, rounded down. */
    static long expiresSeconds(long expires, long now) {
        return Math.max(0, (expires - now) / 1_000_000_000L);
    }

    // ---- get ----

    private void get(Ip.Options o, Args args, PrintWriter out, PrintWriter err) {
        int family = o.family();
        IpParse.Inet dst = null;
        IpParse.Inet from = null;
        String idev = null;
        String odev = null;
        long mark = 0;
        int tos = 0;
        boolean fibmatch = false;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("tos") || RtNames.matches(w, "dsfield")) {
                String v = IpParse.next(args);
                tos = RtNames.parseDsfield(v);
                if (tos < 0) {
                    throw IpParse.invarg("TOS value is invalid\n", v);
                }
            } else if (RtNames.matches(w, "from")) {
                String v = IpParse.next(args);
                if (RtNames.matches(v, "help")) {
                    throw usage();
                }
                from = IpParse.prefix(v, family);
                if (family == 0) {
                    family = from.family();
                }
            } else if (RtNames.matches(w, "iif")) {
                idev = IpParse.next(args);
            } else if (RtNames.matches(w, "mark")) {
                String v = IpParse.next(args);
                long m = RtNames.parseU32(v);
                if (m < 0) {
                    throw IpParse.invarg("invalid mark value", v);
                }
                mark = m;
            } else if (RtNames.matches(w, "oif") || w.equals("dev")) {
                odev = IpParse.next(args);
            } else if (RtNames.matches(w, "notify") || RtNames.matches(w, "connected")) {
                continue;
            } else if (RtNames.matches(w, "vrf") || w.equals("as")) {
                throw IpParse.unsupported("\"" + w + "\"");
            } else if (RtNames.matches(w, "uid")) {
                IpParse.u32(IpParse.next(args), "invalid UID\n");
            } else if (RtNames.matches(w, "fibmatch")) {
                fibmatch = true;
            } else if (RtNames.matches(w, "sport") || RtNames.matches(w, "dport") || RtNames.matches(w, "ipproto")) {
                IpParse.next(args);
            } else {
                if (w.equals("to")) {
                    w = IpParse.next(args);
                }
                if (RtNames.matches(w, "help")) {
                    throw usage();
                }
                dst = IpParse.prefix(w, family);
                if (family == 0) {
                    family = dst.family();
                }
                int max = Addr.maxLen(dst.family() == 0 ? Addr.V4 : dst.family());
                if (dst.len() != max && dst.family() != 0) {
                    err.print("Warning: /" + dst.len() + " as prefix is invalid, only /" + max + " (or none) is supported.\n");
                }
            }
        }
        if (dst == null) {
            throw new CommandException(1, "need at least a destination address");
        }
        if (family == 0) {
            family = Addr.V4;
        }
        NetDevice in = null;
        NetDevice outDev = null;
        if (idev != null) {
            in = routing.net().device(idev);
            if (in == null) {
                throw IpParse.nodev(idev);
            }
        }
        if (odev != null) {
            outDev = routing.net().device(odev);
            if (outDev == null) {
                throw IpParse.nodev(odev);
            }
        }
        Flow fl = new Flow().set(family, dst.hi(), dst.lo(), from == null ? 0 : from.hi(), from == null ? 0 : from.lo())
                .mark((int) mark).tos(tos).oif(outDev == null ? 0 : outDev.ifindex()).iif(in == null ? 0 : in.ifindex());
        FibResult res = new FibResult();
        int e = in != null ? routing.inputRoute(fl, res) : routing.outputRoute(fl, res);
        if (e == -Errno.EXDEV) {
            e = -Errno.EINVAL; // inet_rtm_getroute reports every drop reason of the input path as EINVAL
        }
        boolean details = o.details() > 0;
        List<String> explanation = details ? routing.explain(new Flow().set(family, dst.hi(), dst.lo(),
                from == null ? 0 : from.hi(), from == null ? 0 : from.lo()).mark((int) mark).tos(tos)
                .oif(outDev == null ? 0 : outDev.ifindex()).iif(in == null ? 0 : in.ifindex()), in != null) : List.of();
        if (e != 0) {
            StringBuilder msg = new StringBuilder("RTNETLINK answers: ").append(Errno.message(e));
            for (String line : explanation) {
                msg.append('\n').append(line);
            }
            throw new CommandException(2, msg.toString());
        }
        if (fibmatch) {
            if (res.route() == null) {
                throw new CommandException(2, "RTNETLINK answers: " + Errno.message(Errno.ENETUNREACH));
            }
            RouteFormat.Options fmt = new RouteFormat.Options();
            fmt.details = details;
            out.print(RouteFormat.line(res.route(), fmt));
        } else if (family == Addr.V4) {
            out.print(get4(fl, res, from != null, in, details));
        } else {
            out.print(get6(fl, res, from, in, details));
        }
        for (String line : explanation) {
            out.print(line + "\n");
        }
    }

    /** {@code rt_fill_info}'s answer as iproute2 prints it. */
    private String get4(Flow fl, FibResult res, boolean fromGiven, NetDevice in, boolean details) {
        StringBuilder sb = new StringBuilder();
        if (res.type() != RouteType.UNICAST || details) {
            sb.append(res.type().ipName()).append(' ');
        }
        sb.append(Addr.format(Addr.V4, 0, fl.dstLo())).append(' ');
        if (fromGiven) {
            sb.append("from ").append(Addr.format(Addr.V4, 0, fl.srcLo())).append(' ');
        }
        if (res.viaGateway()) {
            sb.append("via ").append(Addr.format(Addr.V4, 0, res.nextHopLo())).append(' ');
        }
        if (res.dev() != null) {
            sb.append("dev ").append(res.dev().name()).append(' ');
        }
        int table = res.table();
        if (table == RtNames.TABLE_LOCAL && !routing.rules(Addr.V4).hasCustomRules()) {
            table = RtNames.TABLE_MAIN; // without custom rules Linux merges local into main
        }
        if (table != 0 && (table != RtNames.TABLE_MAIN || details)) {
            sb.append("table ").append(RtNames.tableName(table)).append(' ');
        }
        if (in == null && !fromGiven) {
            sb.append("src ").append(Addr.format(Addr.V4, 0, res.srcLo())).append(' ');
        }
        if ((res.flags() & FibResult.RTCF_MULTICAST) != 0) {
            sb.append("rt_offload_failed "); // iproute2 reads RTCF_MULTICAST as RTM_F_OFFLOAD_FAILED
        }
        if (fl.mark() != 0) {
            sb.append("mark ").append(Integer.compareUnsigned(fl.mark(), 16) >= 0
                    ? "0x" + Integer.toHexString(fl.mark()) : Integer.toString(fl.mark())).append(' ');
        }
        if (in == null) {
            sb.append("uid 0 ");
        }
        sb.append("\n    cache ");
        String flags = cacheFlags(res.flags());
        sb.append(flags);
        if (res.pmtu() != 0) {
            sb.append("expires ").append(expiresSeconds(res.pmtuExpires(), routing.net().now())).append("sec ");
            RouteFormat.metrics(sb, res.pmtu(), res.mtuLocked());
        } else if (res.route() != null && (res.route().mtu() != 0 || res.route().mtuLock())) {
            RouteFormat.metrics(sb, res.route().mtu(), res.route().mtuLock());
        }
        if (in != null) {
            sb.append("iif ").append(in.name()).append(' ');
        }
        return sb.append('\n').toString();
    }

    private static String cacheFlags(int flags) {
        List<String> names = new ArrayList<>();
        if ((flags & FibResult.RTCF_LOCAL) != 0) {
            names.add("local");
        }
        if ((flags & FibResult.RTCF_MULTICAST) != 0) {
            names.add("mc");
        }
        if ((flags & FibResult.RTCF_BROADCAST) != 0) {
            names.add("brd");
        }
        return names.isEmpty() ? "" : "<" + String.join(",", names) + "> ";
    }

    /** {@code rt6_fill_node}'s answer as iproute2 prints it. */
    private String get6(Flow fl, FibResult res, IpParse.Inet from, NetDevice in, boolean details) {
        StringBuilder sb = new StringBuilder();
        Route r = res.route();
        boolean cloned = res.pmtu() != 0;
        if (res.type() != RouteType.UNICAST || details) {
            sb.append(res.type().ipName()).append(' ');
        }
        sb.append(Addr.format(Addr.V6, fl.dstHi(), fl.dstLo())).append(' ');
        sb.append("from ").append(from == null ? "::" : Addr.format(Addr.V6, from.hi(), from.lo())).append(' ');
        if (res.viaGateway()) {
            sb.append("via ").append(Addr.format(Addr.V6, res.nextHopHi(), res.nextHopLo())).append(' ');
        }
        if (res.dev() != null) {
            sb.append("dev ").append(res.dev().name()).append(' ');
        }
        int table = res.table();
        if (table != 0 && (table != RtNames.TABLE_MAIN || details)) {
            sb.append("table ").append(RtNames.tableName(table)).append(' ');
        }
        if (!cloned) {
            if (r.protocol() != RtNames.PROTO_BOOT || details) {
                sb.append("proto ").append(RtNames.protoName(r.protocol())).append(' ');
            }
            if (details) {
                sb.append("scope ").append(RtNames.scopeName(r.scope())).append(' ');
            }
        }
        if (in == null) {
            FibResult s = new FibResult();
            if (r.hasPrefsrc()) {
                sb.append("src ").append(Addr.format(Addr.V6, r.srcHi(), r.srcLo())).append(' ');
            } else if (routing.selectSource6(r.dev(), fl.dstHi(), fl.dstLo(), s)) {
                sb.append("src ").append(Addr.format(Addr.V6, s.srcHi(), s.srcLo())).append(' ');
            }
        }
        sb.append("metric ").append(Integer.toUnsignedString(r.metric())).append(' ');
        RouteFormat.flags(sb, r);
        if (fl.mark() != 0) {
            sb.append("mark ").append(Integer.compareUnsigned(fl.mark(), 16) >= 0
                    ? "0x" + Integer.toHexString(fl.mark()) : Integer.toString(fl.mark())).append(' ');
        }
        if (cloned) {
            sb.append("expires ").append(expiresSeconds(res.pmtuExpires(), routing.net().now())).append("sec ");
            RouteFormat.metrics(sb, res.pmtu(), res.mtuLocked());
        } else {
            RouteFormat.metrics(sb, r.mtu(), r.mtuLock());
        }
        if (in != null) {
            sb.append("iif ").append(in.name()).append(' ');
        }
        sb.append(RouteFormat.prefName(r.pref()));
        return sb.append('\n').toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "IpRoute[%s]", routing);
    }
}
