package dev.weir.route;

import java.util.ArrayList;
import java.util.List;

/**
 * What a lookup did, step by step, for {@code ip -d route get}: which rules it tried and what
 * each gave, which table answered, which route won and why the others lost. Filled only when
 * an explanation is asked for; the per-packet lookups pass none.
 */
final class FibTrace {
    static final int NO_MATCH = 0;
    static final int GOTO = 1;
    static final int GOTO_UNRESOLVED = 2;
    static final int NOP = 3;
    static final int ANSWERED = 4;
    static final int NO_ROUTE = 5;
    static final int NO_TABLE = 6;
    static final int SUPPRESSED = 7;

    /** One rule tried: what happened, the lookup's error code, the route its table ended on. */
    record Step(FibRule rule, int outcome, int err, Route route) {}

    final List<Step> steps = new ArrayList<>();

    void rule(FibRule r, int outcome, int err, Route route) {
        steps.add(new Step(r, outcome, err, route));
    }

    /** The explanation lines, each starting with "explain: ". */
    List<String> lines(Flow fl, FibResult res, Routing routing) {
        List<String> out = new ArrayList<>();
        int fam = fl.family();
        out.add("explain: flow " + (fl.hasSrc() ? "from " + Addr.format(fam, fl.srcHi(), fl.srcLo()) + " " : "")
                + "to " + Addr.format(fam, fl.dstHi(), fl.dstLo())
                + " iif " + ifname(routing, fl.iif()) + " oif " + ifname(routing, fl.oif())
                + " mark 0x" + Integer.toHexString(fl.mark()) + " tos 0x" + Integer.toHexString(fl.tos()));
        for (Step s : steps) {
            String head = "explain: rule " + Integer.toUnsignedString(s.rule().priority) + " \"" + s.rule().describe() + "\": ";
            switch (s.outcome()) {
                case NO_MATCH -> out.add(head + "does not match (" + s.rule().mismatch(fl) + ")");
                case GOTO -> out.add(head + "matches, goes to rule " + Integer.toUnsignedString(s.rule().gotoTarget));
                case GOTO_UNRESOLVED -> out.add(head + "matches, but no rule has priority "
                        + Integer.toUnsignedString(s.rule().gotoTarget) + ": ignored");
                case NOP -> out.add(head + "matches, does nothing");
                case NO_TABLE -> out.add(head + "matches, but table " + RtNames.tableName(s.rule().table)
                        + " does not exist: next rule");
                case NO_ROUTE -> {
                    boolean thrown = s.route() != null && s.route().type() == RouteType.THROW;
                    if (thrown) {
                        out.add(head + "matches; table " + RtNames.tableName(s.rule().table) + " throws: next rule");
                    } else {
                        out.add(head + "matches; table " + RtNames.tableName(s.rule().table)
                                + " has no usable route to " + Addr.format(fam, fl.dstHi(), fl.dstLo()) + ": next rule");
                    }
                    explainTable(out, s.rule().tableRef, fl, thrown ? s.route() : null);
                }
                case SUPPRESSED -> out.add(head + "matches; table " + RtNames.tableName(s.rule().table) + " found "
                        + RouteFormat.brief(s.route()) + " but suppress_prefixlength "
                        + s.rule().suppressPrefixLen + " rejects /" + s.route().dstLen() + ": next rule");
                case ANSWERED -> {
                    if (s.rule().action != FibRule.Action.TO_TBL) {
                        out.add(head + "matches; its action " + s.rule().action.name().toLowerCase(java.util.Locale.ROOT)
                                + " fails the lookup with " + Errno.name(s.err()) + " (" + Errno.message(s.err()) + ")");
                    } else {
                        String tail = s.err() == 0 ? "answers" : "answers with a " + s.route().type().ipName()
                                + " route: the lookup fails with " + Errno.name(s.err()) + " (" + Errno.message(s.err()) + ")";
                        out.add(head + "matches; table " + RtNames.tableName(s.rule().table) + " " + tail);
                        explainTable(out, s.rule().tableRef, fl, s.route());
                    }
                }
                default -> out.add(head + "?");
            }
        }
        if (steps.isEmpty() || steps.get(steps.size() - 1).outcome() != ANSWERED) {
            out.add("explain: no rule answered: " + Errno.name(Errno.ENETUNREACH) + " (" + Errno.message(Errno.ENETUNREACH) + ")");
        }
        return out;
    }

    /** The routes of {@code t} containing the destination, in the order tried, with why each won or lost. */
    private static void explainTable(List<String> out, FibTable t, Flow fl, Route chosen) {
        if (t == null) {
            return;
        }
        List<Route> cands = t.candidates(fl.dstHi(), fl.dstLo());
        if (cands.isEmpty()) {
            out.add("explain:   no route in table " + RtNames.tableName(t.id()) + " contains "
                    + Addr.format(fl.family(), fl.dstHi(), fl.dstLo()));
            return;
        }
        boolean past = false;
        for (Route r : cands) {
            String d = RouteFormat.brief(r);
            if (r == chosen && r.type() == RouteType.THROW) {
                out.add("explain:   chosen  " + d + " (longest matching prefix /" + r.dstLen()
                        + "): a throw route sends the lookup on to the next rule");
                past = true;
                continue;
            }
            if (r == chosen) {
                out.add("explain:   chosen  " + d + " (longest matching prefix /" + r.dstLen()
                        + (r.metric() != 0 || t.family() == Addr.V6 ? ", lowest usable metric " + Integer.toUnsignedString(r.metric()) : "")
                        + ")");
                past = true;
                continue;
            }
            if (!past) {
                out.add("explain:   skipped " + d + ": " + skipReason(r, fl));
                continue;
            }
            out.add("explain:   lost    " + d + ": " + lossReason(r, chosen));
        }
    }

    private static String skipReason(Route r, Flow fl) {
        return switch (FibTable.check(r, fl)) {
            case FibTable.SKIP_TOS -> "its tos " + RtNames.dsfieldName(r.tos()) + " is not the flow's";
            case FibTable.SKIP_SCOPE -> "scope " + RtNames.scopeName(r.scope()) + " is wider than the lookup allows";
            case FibTable.SKIP_DEAD -> "device " + r.dev().name() + " is down (dead nexthop)";
            case FibTable.SKIP_OIF -> "its device " + r.dev().name() + " is not the requested output interface";
            default -> "not usable";
        };
    }

    private static String lossReason(Route r, Route chosen) {
        if (chosen == null) {
            return "not reached";
        }
        if (r.dstLen() < chosen.dstLen()) {
            return "shorter prefix /" + r.dstLen() + " than /" + chosen.dstLen();
        }
        if (r.tos() != chosen.tos()) {
            return "tos " + RtNames.dsfieldName(r.tos()) + " ranks after " + RtNames.dsfieldName(chosen.tos());
        }
        int c = Integer.compareUnsigned(r.metric(), chosen.metric());
        if (c > 0) {
            return "higher metric " + Integer.toUnsignedString(r.metric()) + " than " + Integer.toUnsignedString(chosen.metric());
        }
        return "same prefix and metric, added after the chosen route";
    }

    private static String ifname(Routing routing, int ifindex) {
        if (ifindex == 0) {
            return "any";
        }
        var d = routing.device(ifindex);
        return d == null ? Integer.toString(ifindex) : d.name();
    }
}
