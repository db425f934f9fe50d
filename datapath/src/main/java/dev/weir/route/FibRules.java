package dev.weir.route;

import dev.weir.core.NetDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The policy rules of one family, in priority order, and the lookup that walks them (Linux's
 * {@code fib_rules_lookup} with {@code fib4_rule_action}/{@code fib6_rule_action}).
 *
 * <p>A matching rule's action decides: a table lookup that finds a route (or a reject route other
 * than throw) ends the walk; a table without a match, or a {@code throw} route, goes on to the
 * next rule; {@code unreachable}, {@code prohibit} and {@code blackhole} rules end it with
 * ENETUNREACH, EACCES and EINVAL; {@code goto} continues at its target. When no rule answers the
 * result is ENETUNREACH.
 *
 * <p>Defaults as Linux creates them: IPv4 0 local, 32766 main, 32767 default; IPv6 0 local,
 * 32766 main.
 */
public final class FibRules {
    private final int family;
    private final IntFunction<FibTable> tables;
    private final Function<String, NetDevice> devices;
    private FibRule[] rules = new FibRule[0];
    private boolean custom;

    FibRules(int family, IntFunction<FibTable> tables, Function<String, NetDevice> devices) {
        this.family = family;
        this.tables = tables;
        this.devices = devices;
        addDefault(0, RtNames.TABLE_LOCAL);
        addDefault(32766, RtNames.TABLE_MAIN);
        if (family == Addr.V4) {
            addDefault(32767, RtNames.TABLE_DEFAULT);
        }
        custom = false;
    }

    private void addDefault(int prio, int table) {
        insert(FibRule.builder(family).lookup(table).protocol(RtNames.PROTO_KERNEL).build(prio));
    }

    public int family() {
        return family;
    }

    /** The rules in the order they are tried. */
    public List<FibRule> rules() {
        return List.of(rules);
    }

    /** True once a rule was added or deleted (Linux's {@code fib_has_custom_rules}). */
    public boolean hasCustomRules() {
        return custom;
    }

    /**
     * Adds a rule ({@code ip rule add}). Without a priority it gets the priority of the second
     * rule minus one, as Linux's {@code fib_default_rule_pref} gives; it goes after the rules of
     * equal or lower priority.
     *
     * @throws RtnlException EEXIST for an identical rule; EINVAL for a goto that does not point forward
     */
    public FibRule add(FibRule.Builder b) {
        if (b.family() != family) {
            throw new IllegalArgumentException("IPv" + b.family() + " rule into the IPv" + family + " rules");
        }
        int prio;
        if (b.priorityGiven()) {
            prio = b.priorityValue();
        } else {
            prio = rules.length > 1 && rules[1].priority != 0 ? rules[1].priority - 1 : 0;
        }
        FibRule r = b.build(prio);
        if (r.action == FibRule.Action.GOTO && Integer.compareUnsigned(r.gotoTarget, r.priority) <= 0) {
            throw new RtnlException(Errno.EINVAL, "Backward goto not supported");
        }
        for (FibRule x : rules) {
            if (x.sameAs(r)) {
                throw new RtnlException(Errno.EEXIST, null);
            }
        }
        insert(r);
        custom = true;
        return r;
    }

    private void insert(FibRule r) {
        int at = rules.length;
        for (int i = 0; i < rules.length; i++) {
            if (Integer.compareUnsigned(rules[i].priority, r.priority) > 0) {
                at = i;
                break;
            }
        }
        FibRule[] n = new FibRule[rules.length + 1];
        System.arraycopy(rules, 0, n, 0, at);
        n[at] = r;
        System.arraycopy(rules, at, n, at + 1, rules.length - at);
        rules = n;
        relink();
    }

    /**
     * Deletes the first rule {@code which} accepts ({@code ip rule del}).
     *
     * @throws RtnlException ENOENT when none does
     */
    public FibRule delete(Predicate<FibRule> which) {
        for (int i = 0; i < rules.length; i++) {
            if (which.test(rules[i])) {
                FibRule gone = rules[i];
                FibRule[] n = new FibRule[rules.length - 1];
                System.arraycopy(rules, 0, n, 0, i);
                System.arraycopy(rules, i + 1, n, i, rules.length - i - 1);
                rules = n;
                custom = true;
                relink();
                return gone;
            }
        }
        throw new RtnlException(Errno.ENOENT, null);
    }

    /** Deletes every rule except those of priority 0 ({@code ip rule flush}), as Linux keeps the local rule. */
    public void flush() {
        rules = Arrays.stream(rules).filter(r -> r.priority == 0).toArray(FibRule[]::new);
        custom = true;
        relink();
    }

    /** Re-resolves device names, tables and goto targets (after a rule, table or device change). */
    void relink() {
        for (FibRule r : rules) {
            r.resolveDevices(devices);
            r.tableRef = r.action == FibRule.Action.TO_TBL ? tables.apply(r.table) : null;
            r.gotoRef = null;
            if (r.action == FibRule.Action.GOTO) {
                for (FibRule t : rules) {
                    if (t.priority == r.gotoTarget) {
                        r.gotoRef = t;
                        break;
                    }
                }
            }
        }
    }

    private int indexOf(FibRule r) {
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] == r) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Walks the rules for {@code fl} ({@code fib_lookup}): 0 with {@code res} filled, or a
     * negative errno. {@code trace}, when not null, records every rule tried.
     */
    int lookup(Flow fl, FibResult res, FibTrace trace) {
        FibRule[] rs = rules;
        for (int i = 0; i < rs.length; i++) {
            FibRule r = rs[i];
            if (!r.matches(fl)) {
                if (trace != null) {
                    trace.rule(r, FibTrace.NO_MATCH, 0, null);
                }
                continue;
            }
            if (r.action == FibRule.Action.GOTO) {
                if (r.gotoRef == null) {
                    if (trace != null) {
                        trace.rule(r, FibTrace.GOTO_UNRESOLVED, 0, null);
                    }
                    continue;
                }
                if (trace != null) {
                    trace.rule(r, FibTrace.GOTO, 0, null);
                }
                // Continue the walk at the target, which must still match itself.
                i = indexOf(r.gotoRef) - 1;
                continue;
            }
            if (r.action == FibRule.Action.NOP) {
                if (trace != null) {
                    trace.rule(r, FibTrace.NOP, 0, null);
                }
                continue;
            }
            int err;
            switch (r.action) {
                case UNREACHABLE -> err = -Errno.ENETUNREACH;
                case PROHIBIT -> err = -Errno.EACCES;
                case BLACKHOLE -> err = -Errno.EINVAL;
                default -> {
                    FibTable t = r.tableRef;
                    err = t == null ? -Errno.EAGAIN : t.lookup(fl, res);
                }
            }
            if (err == 0 && r.suppressPrefixLen >= 0 && res.route != null && res.route.dstLen() <= r.suppressPrefixLen) {
                if (trace != null) {
                    trace.rule(r, FibTrace.SUPPRESSED, err, res.route);
                }
                continue;
            }
            if (err != -Errno.EAGAIN) {
                if (trace != null) {
                    trace.rule(r, FibTrace.ANSWERED, err, res.route);
                }
                res.rule = r;
                if (r.action != FibRule.Action.TO_TBL) {
                    res.route = null;
                    res.type = switch (r.action) {
                        case UNREACHABLE -> RouteType.UNREACHABLE;
                        case PROHIBIT -> RouteType.PROHIBIT;
                        default -> RouteType.BLACKHOLE;
                    };
                    res.table = 0;
                }
                return err;
            }
            if (trace != null) {
                trace.rule(r, r.tableRef == null ? FibTrace.NO_TABLE : FibTrace.NO_ROUTE, err, res.route);
            }
            res.route = null;
            res.type = null;
        }
        return -Errno.ENETUNREACH;
    }

    /** The rules as {@code ip rule show} prints them. */
    public List<String> show() {
        List<String> out = new ArrayList<>();
        for (FibRule r : rules) {
            out.add(r.toString());
        }
        return out;
    }
}
