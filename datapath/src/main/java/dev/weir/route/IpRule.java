package dev.weir.route;

import dev.weir.core.Args;
import dev.weir.core.CommandException;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@code ip rule}: {@code add}, {@code del}, {@code show|list|lst} and {@code flush} of policy
 * routing rules, with iproute2's syntax ({@code not}, {@code from}, {@code to}, {@code tos},
 * {@code fwmark M[/MASK]}, {@code iif}, {@code oif}, {@code pref}, {@code lookup|table},
 * {@code goto}, {@code nop}, {@code blackhole|unreachable|prohibit},
 * {@code suppress_prefixlength}) and output ("PRIORITY:\tSELECTORS ACTION").
 *
 * <p>Not modelled: realms, tun_id, uidrange, l3mdev, ipproto and port ranges, NAT, ifgroups.
 */
public final class IpRule {
    private final Routing routing;

    public IpRule(Routing routing) {
        this.routing = routing;
    }

    public void run(Args args, PrintWriter out) {
        run(args, out, out);
    }

    public void run(Args args, PrintWriter out, PrintWriter err) {
        Ip.Options o = Ip.begin(args, "rule");
        if (!args.hasNext()) {
            list(o, args, out, false);
            return;
        }
        String c = args.next();
        if (RtNames.matches(c, "list") || RtNames.matches(c, "lst") || RtNames.matches(c, "show")) {
            list(o, args, out, false);
        } else if (RtNames.matches(c, "save") || RtNames.matches(c, "restore")) {
            throw IpParse.unsupported("ip rule " + c);
        } else if (RtNames.matches(c, "add")) {
            modify(o, args, true, err);
        } else if (RtNames.matches(c, "delete")) {
            modify(o, args, false, err);
        } else if (RtNames.matches(c, "flush")) {
            list(o, args, out, true);
        } else if (RtNames.matches(c, "help")) {
            throw usage();
        } else {
            throw new CommandException(255, "Command \"" + c + "\" is unknown, try \"ip rule help\".");
        }
    }

    private static CommandException usage() {
        return new CommandException(255, String.join("\n",
                "Usage: ip rule { add | del } SELECTOR ACTION",
                "       ip rule { flush | list }",
                "SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ] [ fwmark FWMARK[/MASK] ]",
                "            [ iif STRING ] [ oif STRING ] [ pref NUMBER ]",
                "ACTION := [ table TABLE_ID ] [ goto NUMBER ] [ nop ] [ blackhole | unreachable | prohibit ]",
                "          [ suppress_prefixlength NUMBER ]",
                "TABLE_ID := [ local | main | default | NUMBER ]"));
    }

    private void modify(Ip.Options o, Args args, boolean add, PrintWriter err) {
        if (!args.hasNext()) {
            throw new CommandException(1, "\"ip rule " + (add ? "add" : "del") + "\" requires arguments.");
        }
        int family = o.family() == 0 ? Addr.V4 : o.family();
        FibRule.Builder b = FibRule.builder(family);
        boolean tableOk = false;
        boolean actionGiven = false;
        Long pref = null;
        Integer table = null;
        IpParse.Inet from = null;
        IpParse.Inet to = null;
        Integer mark = null;
        Integer mask = null;
        String iif = null;
        String oif = null;
        int tos = 0;
        FibRule.Action action = add ? FibRule.Action.TO_TBL : null;
        Integer gotoTarget = null;
        int suppress = -1;
        boolean invert = false;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("not")) {
                invert = true;
            } else if (w.equals("from")) {
                from = IpParse.prefix(IpParse.next(args), o.family());
            } else if (w.equals("to")) {
                to = IpParse.prefix(IpParse.next(args), o.family());
            } else if (RtNames.matches(w, "preference") || RtNames.matches(w, "order") || RtNames.matches(w, "priority")) {
                pref = IpParse.u32(IpParse.next(args), "preference value is invalid\n");
            } else if (w.equals("tos") || RtNames.matches(w, "dsfield")) {
                String v = IpParse.next(args);
                tos = RtNames.parseDsfield(v);
                if (tos < 0) {
                    throw IpParse.invarg("TOS value is invalid\n", v);
                }
            } else if (w.equals("fwmark")) {
                String v = IpParse.next(args);
                int slash = v.indexOf('/');
                String m = slash < 0 ? v : v.substring(0, slash);
                mark = (int) IpParse.u32(m, "fwmark value is invalid\n");
                if (slash >= 0) {
                    mask = (int) IpParse.u32(v.substring(slash + 1), "fwmask value is invalid\n");
                }
            } else if (RtNames.matches(w, "realms") || RtNames.matches(w, "tun_id") || w.equals("l3mdev")
                    || w.equals("uidrange") || w.equals("nat") || RtNames.matches(w, "map-to") || w.equals("ipproto")
                    || w.equals("sport") || w.equals("dport") || RtNames.matches(w, "suppress_ifgroup")
                    || w.equals("sup_group")) {
                throw IpParse.unsupported("the rule selector \"" + w + "\"");
            } else if (RtNames.matches(w, "protocol")) {
                String v = IpParse.next(args);
                int p = RtNames.parseProto(v);
                if (p < 0) {
                    throw IpParse.invarg("\"protocol\" value is invalid\n", v);
                }
                b.protocol(p);
            } else if (RtNames.matches(w, "table") || w.equals("lookup")) {
                String v = IpParse.next(args);
                long t = RtNames.parseTable(v);
                if (t < 0) {
                    throw IpParse.invarg("invalid table ID\n", v);
                }
                table = (int) t;
                tableOk = true;
            } else if (RtNames.matches(w, "suppress_prefixlength") || w.equals("sup_pl")) {
                String v = IpParse.next(args);
                long pl = RtNames.parseU32(v);
                if (pl < 0 || pl > Integer.MAX_VALUE) {
                    throw IpParse.invarg("suppress_prefixlength value is invalid\n", v);
                }
                suppress = (int) pl;
            } else if (w.equals("dev") || w.equals("iif")) {
                iif = IpParse.next(args);
            } else if (w.equals("oif")) {
                oif = IpParse.next(args);
            } else {
                if (w.equals("type")) {
                    w = IpParse.next(args);
                }
                if (RtNames.matches(w, "help")) {
                    throw usage();
                } else if (RtNames.matches(w, "goto")) {
                    action = FibRule.Action.GOTO;
                    gotoTarget = (int) IpParse.u32(IpParse.next(args), "invalid target\n");
                } else if (RtNames.matches(w, "nop")) {
                    action = FibRule.Action.NOP;
                } else {
                    RouteType t = RtNames.parseType(w);
                    if (t == null) {
                        throw IpParse.invarg("Failed to parse rule type", w);
                    }
                    action = switch (t) {
                        case BLACKHOLE -> FibRule.Action.BLACKHOLE;
                        case UNREACHABLE -> FibRule.Action.UNREACHABLE;
                        case PROHIBIT -> FibRule.Action.PROHIBIT;
                        default -> throw IpParse.unsupported("the rule action \"" + w + "\"");
                    };
                }
                actionGiven = true;
                tableOk = true;
            }
        }
        if (from != null && from.family() != 0 && from.family() != family
                || to != null && to.family() != 0 && to.family() != family) {
            throw new CommandException(2, "RTNETLINK answers: " + Errno.message(Errno.EINVAL));
        }
        try {
            if (add) {
                b.invert(invert).tos(tos);
                if (from != null) {
                    b.from(from.hi(), from.lo(), from.len());
                }
                if (to != null) {
                    b.to(to.hi(), to.lo(), to.len());
                }
                if (mark != null) {
                    b.fwmark(mark, mask == null ? -1 : mask);
                }
                b.iif(iif).oif(oif).suppressPrefixLength(suppress);
                if (pref != null) {
                    b.priority(pref.intValue());
                }
                if (action == FibRule.Action.GOTO) {
                    b.gotoPriority(gotoTarget);
                } else if (action != FibRule.Action.TO_TBL) {
                    b.action(action);
                } else {
                    b.lookup(tableOk && table != null ? table : RtNames.TABLE_MAIN);
                }
                routing.rules(family).add(b);
            } else {
                final Long fPref = pref;
                final Integer fTable = table;
                final FibRule.Action fAction = actionGiven ? action : null;
                final Integer fMark = mark;
                final Integer fMask = mask;
                final String fIif = iif;
                final String fOif = oif;
                final IpParse.Inet fFrom = from;
                final IpParse.Inet fTo = to;
                final int fTos = tos;
                final int fSuppress = suppress;
                Predicate<FibRule> which = r -> (fAction == null || r.action == fAction)
                        && (fTable == null || r.action == FibRule.Action.TO_TBL && r.table == fTable)
                        && (fPref == null || r.priority == fPref.intValue())
                        && (fIif == null || Objects.equals(r.iifName, fIif))
                        && (fOif == null || Objects.equals(r.oifName, fOif))
                        && (fMark == null || fMark == 0 || r.fwmark == fMark)
                        && (fMask == null || r.fwmask == fMask)
                        && (fSuppress < 0 || r.suppressPrefixLen == fSuppress)
                        && (fFrom == null || fFrom.len() == 0 || r.srcLen == fFrom.len()
                            && Addr.inPrefix(family, r.srcHi, r.srcLo, r.srcLen, fFrom.hi(), fFrom.lo()))
                        && (fTo == null || fTo.len() == 0 || r.dstLen == fTo.len()
                            && Addr.inPrefix(family, r.dstHi, r.dstLo, r.dstLen, fTo.hi(), fTo.lo()))
                        && (fTos == 0 || r.tos == fTos);
                routing.rules(family).delete(which);
            }
        } catch (RtnlException e) {
            throw new CommandException(2, e.ipMessage());
        }
    }

    private void list(Ip.Options o, Args args, PrintWriter out, boolean flush) {
        int family = o.family() == 0 ? Addr.V4 : o.family();
        Long pref = null;
        Integer table = null;
        boolean not = false;
        String iif = null;
        String oif = null;
        IpParse.Inet from = null;
        IpParse.Inet to = null;
        while (args.hasNext()) {
            String w = args.next();
            if (RtNames.matches(w, "preference") || RtNames.matches(w, "order") || RtNames.matches(w, "priority")) {
                pref = IpParse.u32(IpParse.next(args), "preference value is invalid\n");
            } else if (w.equals("not")) {
                not = true;
            } else if (w.equals("dev") || w.equals("iif")) {
                iif = IpParse.next(args);
            } else if (w.equals("oif")) {
                oif = IpParse.next(args);
            } else if (RtNames.matches(w, "lookup") || RtNames.matches(w, "table")) {
                String v = IpParse.next(args);
                long t = RtNames.parseTable(v);
                if (t < 0) {
                    throw IpParse.invarg("table id value is invalid\n", v);
                }
                table = (int) t;
            } else if (RtNames.matches(w, "from") || RtNames.matches(w, "src")) {
                String v = IpParse.next(args);
                IpParse.Inet p = IpParse.prefix1(v, family);
                if (p == null) {
                    throw IpParse.invarg("from value is invalid\n", v);
                }
                from = p;
            } else {
                if (RtNames.matches(w, "dst") || RtNames.matches(w, "to")) {
                    w = IpParse.next(args);
                }
                IpParse.Inet p = IpParse.prefix1(w, family);
                if (p == null) {
                    throw IpParse.invarg("to value is invalid\n", w);
                }
                to = p;
            }
        }
        FibRules rules = routing.rules(family);
        if (flush) {
            rules.flush();
            return;
        }
        for (FibRule r : rules.rules()) {
            if (pref != null && r.priority != pref.intValue() || not && !r.invert
                    || table != null && !(r.action == FibRule.Action.TO_TBL && r.table == table)
                    || iif != null && !iif.equals(r.iifName) || oif != null && !oif.equals(r.oifName)
                    || from != null && (!r.hasSrc || from.len() > r.srcLen
                        || !Addr.inPrefix(family, from.hi(), from.lo(), from.len(), r.srcHi, r.srcLo))
                    || to != null && (!r.hasDst || to.len() > r.dstLen
                        || !Addr.inPrefix(family, to.hi(), to.lo(), to.len(), r.dstHi, r.dstLo))) {
                continue;
            }
            out.print(r + "\n");
        }
    }
}
