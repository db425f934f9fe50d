package dev.weir.neigh;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;
import dev.weir.api.wire.MacAddress;
import dev.weir.core.Args;
import dev.weir.core.CommandException;
import dev.weir.core.NetDevice;
import dev.weir.core.NetNs;
import dev.weir.l2.IpOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * iproute2's {@code ip neigh} on a Weir namespace's ARP and NDP tables, printing and failing as
 * iproute2 6.x does (ipneigh.c and the kernel's neigh_add / neigh_delete answers). {@link #run}
 * takes the words after "ip": {@code -6 neigh show dev eth0}.
 *
 * <pre>
 * ip [-4|-6] [-s] neigh [show] [[to] PREFIX] [dev DEV] [nud STATE|all]...
 * ip neigh add|change|replace ADDR [lladdr MAC] dev DEV [nud STATE] [router]
 * ip neigh del ADDR dev DEV
 * ip [-s] neigh flush [[to] PREFIX] [dev DEV] [nud STATE|all]...
 * </pre>
 * Entries print as {@code 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE } (iproute2
 * 6.1 ends each line with a space); without {@code nud}, NOARP entries are not shown and flush
 * leaves PERMANENT and NOARP ones. Entries list oldest first (Linux lists them in the order of
 * its randomly seeded hash).
 */
public final class IpNeigh {
    private final NetNs net;
    private final Arp arp;
    private final Ndisc ndisc;

    public IpNeigh(Arp arp, Ndisc ndisc) {
        this.arp = arp;
        this.ndisc = ndisc;
        this.net = arp.net;
    }

    public void run(Args args, PrintWriter out) {
        IpOptions o = IpOptions.parse(args);
        String obj = args.hasNext() ? args.next() : "";
        if (!IpOptions.matches(obj, "neighbour") && !IpOptions.matches(obj, "neighbor")) {
            throw new CommandException(255, "Object \"" + obj + "\" is unknown, try \"ip help\".");
        }
        if (!args.hasNext()) {
            showOrFlush(o, args, out, false);
            return;
        }
        String cmd = args.next();
        if (IpOptions.matches(cmd, "add")) {
            modify(o, args, true, false);
        } else if (IpOptions.matches(cmd, "change") || cmd.equals("chg")) {
            modify(o, args, false, true);
        } else if (IpOptions.matches(cmd, "replace")) {
            modify(o, args, true, true);
        } else if (IpOptions.matches(cmd, "delete")) {
            delete(o, args);
        } else if (IpOptions.matches(cmd, "show") || IpOptions.matches(cmd, "list") || IpOptions.matches(cmd, "lst")) {
            showOrFlush(o, args, out, false);
        } else if (IpOptions.matches(cmd, "flush")) {
            showOrFlush(o, args, out, true);
        } else if (IpOptions.matches(cmd, "help")) {
            throw new CommandException(255, USAGE);
        } else {
            throw new CommandException(255, "Command \"" + cmd + "\" is unknown, try \"ip neigh help\".");
        }
    }

    static final String USAGE = """
            Usage: ip neigh { add | del | change | replace }
                            { ADDR [ lladdr LLADDR ] [ nud STATE ] } [ dev DEV ] [ router ]

                   ip neigh { show | flush } [ to PREFIX ] [ dev DEV ] [ nud STATE ]

            STATE := { delay | failed | incomplete | noarp | none |
                       permanent | probe | reachable | stale }""";

    // ---- add / change / replace / del -----------------------------------------------------

    /** A parsed address: family 4 or 6 and its bits. */
    private record Addr(int family, long hi, long lo, int prefixLen) {
        boolean matches(Neighbour n) {
            if (family == 0) {
                return true;
            }
            if ((n.table instanceof Arp) != (family == 4)) {
                return false;
            }
            if (family == 4) {
                int mask = prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
                return (((int) n.keyLo) & mask) == (((int) lo) & mask);
            }
            long mh = Ipv6Address.maskHi(prefixLen);
            long ml = Ipv6Address.maskLo(prefixLen);
            return (n.keyHi & mh) == (hi & mh) && (n.keyLo & ml) == (lo & ml);
        }
    }

    /** get_addr: "Error: any valid address is expected rather than ..." (exit 1). */
    private static Addr address(String text, int family) {
        try {
            if (family != 6 && Ipv4Address.isIpv4(text)) {
                return new Addr(4, 0, Ipv4Address.parse(text).bits() & 0xffff_ffffL, 32);
            }
            if (family != 4 && text.indexOf(':') >= 0) {
                Ipv6Address a = Ipv6Address.parse(text);
                return new Addr(6, a.hi(), a.lo(), 128);
            }
        } catch (IllegalArgumentException e) {
            // fall through to iproute2's message
        }
        String fam = family == 4 ? "inet" : family == 6 ? "inet6" : "any valid";
        throw new CommandException(1, "Error: " + fam + " address is expected rather than \"" + text + "\".");
    }

    /** get_prefix for show/flush filters ("all", "any" and "default" match everything); "to value is invalid" (exit 255). */
    private static Addr prefix(String text, int family) {
        if (text.equals("all") || text.equals("any") || text.equals("default")) {
            return new Addr(family, 0, 0, 0);
        }
        int slash = text.indexOf('/');
        String a = slash < 0 ? text : text.substring(0, slash);
        try {
            Addr x = address(a, family);
            int len = x.prefixLen;
            if (slash >= 0) {
                len = Integer.parseInt(text.substring(slash + 1));
                if (len < 0 || len > x.prefixLen) {
                    throw new NumberFormatException();
                }
            }
            return new Addr(x.family, x.hi, x.lo, len);
        } catch (CommandException | NumberFormatException e) {
            throw new CommandException(255, "Error: argument \"" + text + "\" is wrong: to value is invalid\n");
        }
    }

    /** What ipneigh_modify reads from the words of add, change, replace and del. */
    private record Request(Addr dst, NetDevice dev, long mac, int state, boolean router) {}

    /** ipneigh_modify's parsing; the checks in iproute2's order (destination, device, lladdr, device name). */
    private Request parse(IpOptions o, Args args) {
        String lla = null;
        int state = Nud.PERMANENT;
        boolean router = false;
        String devName = null;
        Addr dst = null;
        while (args.hasNext()) {
            String w = args.next();
            if (IpOptions.matches(w, "lladdr")) {
                String v = IpOptions.nextArg(args);
                if (lla != null) {
                    throw new CommandException(255, "Error: duplicate \"lladdr\": \"" + v + "\" is the second value.");
                }
                lla = v;
            } else if (w.equals("nud")) {
                String v = IpOptions.nextArg(args);
                state = Nud.parse(v);
                if (state < 0) {
                    throw new CommandException(255, "Error: argument \"" + v + "\" is wrong: nud state is bad");
                }
            } else if (w.equals("router")) {
                router = true;
            } else if (w.equals("dev")) {
                devName = IpOptions.nextArg(args);
            } else {
                if (w.equals("to")) {
                    w = IpOptions.nextArg(args);
                }
                if (dst != null) {
                    throw new CommandException(255, "Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.");
                }
                dst = address(w, o.family() == 4 || o.family() == 6 ? o.family() : 0);
            }
        }
        if (devName == null || dst == null) {
            throw new CommandException(255, "Device and destination are required arguments.");
        }
        long mac = -1;
        if (lla != null && !lla.equals("null")) {
            try {
                mac = MacAddress.parse(lla).bits();
            } catch (IllegalArgumentException e) {
                throw new CommandException(1, "\"" + lla + "\" is invalid lladdr.");
            }
        }
        NetDevice dev = net.device(devName);
        if (dev == null) {
            throw new CommandException(1, "Cannot find device \"" + devName + "\"");
        }
        return new Request(dst, dev, mac, state, router);
    }

    private NeighTable table(Addr a) {
        return a.family == 4 ? arp : ndisc;
    }

    /** neigh_add: NLM_F_CREATE for add and replace, NLM_F_EXCL for add, NLM_F_REPLACE for change and replace. */
    private void modify(IpOptions o, Args args, boolean create, boolean replace) {
        Request r = parse(o, args);
        NeighTable t = table(r.dst);
        Neighbour n = t.lookup(r.dst.hi, r.dst.lo, r.dev);
        int flags = NeighTable.F_ADMIN | NeighTable.F_OVERRIDE | NeighTable.F_OVERRIDE_ISROUTER;
        if (n == null) {
            if (!create) {
                throw new CommandException(2, "RTNETLINK answers: No such file or directory");
            }
            n = t.create(r.dst.hi, r.dst.lo, r.dev);
            if (n == null) {
                throw new CommandException(2, "RTNETLINK answers: No buffer space available");
            }
        } else {
            if (create && !replace) {
                throw new CommandException(2, "RTNETLINK answers: File exists");
            }
            if (!replace) {
                flags &= ~(NeighTable.F_OVERRIDE | NeighTable.F_OVERRIDE_ISROUTER);
            }
        }
        if (r.router) {
            flags |= NeighTable.F_ISROUTER;
        }
        if (t.update(n, r.mac, r.state, flags) == NeighTable.EINVAL) {
            throw new CommandException(2, "Error: No link layer address given.");
        }
    }

    /** neigh_delete. */
    private void delete(IpOptions o, Args args) {
        Request r = parse(o, args);
        NeighTable t = table(r.dst);
        Neighbour n = t.lookup(r.dst.hi, r.dst.lo, r.dev);
        if (n == null) {
            throw new CommandException(2, "RTNETLINK answers: No such file or directory");
        }
        t.delete(n);
    }

    // ---- show / flush ------------------------------------------------------------------------

    private void showOrFlush(IpOptions o, Args args, PrintWriter out, boolean flush) {
        if (flush && !args.hasNext()) {
            throw new CommandException(1, "Flush requires arguments.");
        }
        int filterState = flush ? ~(Nud.PERMANENT | Nud.NOARP) : 0xff & ~Nud.NOARP;
        boolean stateGiven = false;
        String devName = null;
        Addr pfx = null;
        int family = o.family() == 4 || o.family() == 6 ? o.family() : 0;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                String v = IpOptions.nextArg(args);
                if (devName != null) {
                    throw new CommandException(255, "Error: duplicate \"dev\": \"" + v + "\" is the second value.");
                }
                devName = v;
            } else if (w.equals("nud")) {
                String v = IpOptions.nextArg(args);
                if (!stateGiven) {
                    stateGiven = true;
                    filterState = 0;
                }
                int s = Nud.parse(v);
                if (s < 0) {
                    if (!v.equals("all")) {
                        throw new CommandException(255, "Error: argument \"" + v + "\" is wrong: nud state is bad");
                    }
                    s = ~0;
                    if (flush) {
                        s &= ~Nud.NOARP;
                    }
                }
                if (s == 0) {
                    s = 0x100;
                }
                filterState |= s;
            } else {
                if (w.equals("to")) {
                    w = IpOptions.nextArg(args);
                }
                if (IpOptions.matches(w, "help")) {
                    throw new CommandException(255, USAGE);
                }
                pfx = prefix(w, family);
                if (family == 0 && pfx.family != 0) {
                    family = pfx.family;
                }
            }
        }
        NetDevice dev = null;
        if (devName != null) {
            dev = net.device(devName);
            if (dev == null) {
                throw new CommandException(1, "Cannot find device \"" + devName + "\"");
            }
        }
        List<Neighbour> all = new ArrayList<>();
        if (family != 6) {
            all.addAll(arp.entries());
        }
        if (family != 4) {
            all.addAll(ndisc.entries());
        }
        StringBuilder sb = new StringBuilder();
        int flushed = 0;
        for (Neighbour n : all) {
            if (dev != null && n.dev != dev) {
                continue;
            }
            if ((filterState & n.state) == 0 && (n.state != 0 || (filterState & 0x100) == 0)) {
                continue;
            }
            if (pfx != null && !pfx.matches(n)) {
                continue;
            }
            if (flush) {
                n.table.delete(n);
                flushed++;
                continue;
            }
            format(sb, n, dev != null, o.stats() > 0);
        }
        if (flush && o.stats() > 0) {
            if (flushed == 0) {
                sb.append("Nothing to flush.\n");
            } else {
                sb.append("\n*** Round 1, deleting ").append(flushed).append(" entries ***\n");
                sb.append("*** Flush is complete after 1 round ***\n");
            }
        }
        out.print(sb);
        out.flush();
    }

    /** One entry as {@code ip neigh} prints it (print_neigh), newline included. */
    void format(StringBuilder sb, Neighbour n, boolean devFiltered, boolean stats) {
        sb.append(n.address()).append(' ');
        if (!devFiltered) {
            sb.append("dev ").append(n.dev.name()).append(' ');
        }
        if ((n.state & Nud.VALID) != 0) {
            sb.append("lladdr ").append(new MacAddress(n.ha)).append(' ');
        }
        if (n.isRouter()) {
            sb.append("router ");
        }
        if (stats) {
            long now = net.now();
            if (n.timer.isPending()) {
                sb.append(" ref 1");
            }
            sb.append(" used ").append(IpOptions.seconds(now - n.used)).append('/').append(IpOptions.seconds(now - n.confirmed))
                    .append('/').append(IpOptions.seconds(now - n.updated));
            sb.append("probes ").append(n.probes).append(' ');
        }
        sb.append(Nud.names(n.state));
        sb.append('\n');
    }
}
