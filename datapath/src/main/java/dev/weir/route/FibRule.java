package dev.weir.route;

import dev.weir.core.NetDevice;

/**
 * One policy routing rule ({@code ip rule}, Linux's {@code fib_rule}): selectors that a flow must
 * match, and an action. Immutable; the interface names are kept as given and resolved to an
 * index while a device of that name exists (a rule naming a missing device is "detached" and
 * matches nothing, as in Linux).
 *
 * <p>Matching ({@code fib_rule_match}): input interface, output interface, firewall mark under
 * its mask, source and destination prefix, TOS. {@code not} inverts the whole result, selectors
 * of interfaces and marks included.
 */
public final class FibRule {
    /** Rule actions ({@code FR_ACT_*}). */
    public enum Action {
        /** Look the flow up in {@link #table()}. */
        TO_TBL(1),
        /** Continue at the first rule of priority {@link #gotoTarget()}. */
        GOTO(2),
        /** Do nothing. */
        NOP(3),
        /** Fail with EINVAL (packets are discarded silently). */
        BLACKHOLE(6),
        /** Fail with ENETUNREACH. */
        UNREACHABLE(7),
        /** Fail with EACCES. */
        PROHIBIT(8);

        final int number;

        Action(int number) {
            this.number = number;
        }
    }

    final int family;
    final int priority;
    final boolean invert;
    final boolean hasSrc;
    final long srcHi;
    final long srcLo;
    final int srcLen;
    final boolean hasDst;
    final long dstHi;
    final long dstLo;
    final int dstLen;
    final int tos;
    final boolean hasMark;
    final int fwmark;
    final int fwmask;
    final String iifName;
    final String oifName;
    final Action action;
    final int table;
    final int gotoTarget;
    final int suppressPrefixLen;
    final int protocol;
    /** Resolved indexes: 0 = no selector, -1 = named device missing (detached). */
    int iifIndex;
    int oifIndex;
    /** Resolved table for TO_TBL (null while the table does not exist), and goto target rule. */
    FibTable tableRef;
    FibRule gotoRef;

    private FibRule(Builder b) {
        this.family = b.family;
        this.priority = b.priority;
        this.invert = b.invert;
        this.hasSrc = b.hasSrc;
        this.srcHi = b.srcHi & Addr.maskHi(b.family, b.srcLen);
        this.srcLo = b.srcLo & Addr.maskLo(b.family, b.srcLen);
        this.srcLen = b.srcLen;
        this.hasDst = b.hasDst;
        this.dstHi = b.dstHi & Addr.maskHi(b.family, b.dstLen);
        this.dstLo = b.dstLo & Addr.maskLo(b.family, b.dstLen);
        this.dstLen = b.dstLen;
        this.tos = b.tos;
        this.hasMark = b.hasMark;
        this.fwmark = b.fwmark;
        this.fwmask = b.hasMark ? b.fwmask : 0;
        this.iifName = b.iifName;
        this.oifName = b.oifName;
        this.action = b.action;
        this.table = b.table;
        this.gotoTarget = b.gotoTarget;
        this.suppressPrefixLen = b.suppressPrefixLen;
        this.protocol = b.protocol;
    }

    public static Builder builder(int family) {
        return new Builder(family);
    }

    /** Does {@code fl} match the selectors (with {@code not} applied)? */
    boolean matches(Flow fl) {
        boolean m = matchesSelectors(fl);
        return invert != m;
    }

    private boolean matchesSelectors(Flow fl) {
        if (iifIndex != 0 && iifIndex != fl.iif()) {
            return false;
        }
        if (oifIndex != 0 && oifIndex != fl.oif()) {
            return false;
        }
        if (((fwmark ^ fl.mark()) & fwmask) != 0) {
            return false;
        }
        if (srcLen != 0 && !Addr.inPrefix(family, srcHi, srcLo, srcLen, fl.srcHi(), fl.srcLo())) {
            return false;
        }
        if (dstLen != 0 && !Addr.inPrefix(family, dstHi, dstLo, dstLen, fl.dstHi(), fl.dstLo())) {
            return false;
        }
        return tos == 0 || tos == fl.tos();
    }

    /** Which selector fails {@code fl} (for explanations), or why {@code not} turned a match into a miss. */
    String mismatch(Flow fl) {
        boolean m = matchesSelectors(fl);
        if (invert && m) {
            return "every selector matches and \"not\" inverts that";
        }
        if (iifIndex != 0 && iifIndex != fl.iif()) {
            return iifIndex < 0 ? "iif " + iifName + " does not exist" : "input interface is not " + iifName;
        }
        if (oifIndex != 0 && oifIndex != fl.oif()) {
            return oifIndex < 0 ? "oif " + oifName + " does not exist" : "output interface is not " + oifName;
        }
        if (((fwmark ^ fl.mark()) & fwmask) != 0) {
            return "mark 0x" + Integer.toHexString(fl.mark()) + " & 0x" + Integer.toHexString(fwmask) + " is not 0x" + Integer.toHexString(fwmark);
        }
        if (srcLen != 0 && !Addr.inPrefix(family, srcHi, srcLo, srcLen, fl.srcHi(), fl.srcLo())) {
            return "source " + Addr.format(family, fl.srcHi(), fl.srcLo()) + " is outside " + Addr.formatPrefix(family, srcHi, srcLo, srcLen);
        }
        if (dstLen != 0 && !Addr.inPrefix(family, dstHi, dstLo, dstLen, fl.dstHi(), fl.dstLo())) {
            return "destination " + Addr.format(family, fl.dstHi(), fl.dstLo()) + " is outside " + Addr.formatPrefix(family, dstHi, dstLo, dstLen);
        }
        if (tos != 0 && tos != fl.tos()) {
            return "tos 0x" + Integer.toHexString(fl.tos()) + " is not " + RtNames.dsfieldName(tos);
        }
        return "a selector inverted by \"not\" fails";
    }

    void resolveDevices(java.util.function.Function<String, NetDevice> byName) {
        iifIndex = resolve(iifName, byName);
        oifIndex = resolve(oifName, byName);
    }

    private static int resolve(String name, java.util.function.Function<String, NetDevice> byName) {
        if (name == null) {
            return 0;
        }
        NetDevice d = byName.apply(name);
        return d == null ? -1 : d.ifindex();
    }

    public int family() {
        return family;
    }

    public int priority() {
        return priority;
    }

    public Action action() {
        return action;
    }

    /** The table of a {@link Action#TO_TBL} rule. */
    public int table() {
        return table;
    }

    public int gotoTarget() {
        return gotoTarget;
    }

    public boolean invert() {
        return invert;
    }

    /** Same selectors and action as {@code o} (Linux's {@code rule_exists}). */
    boolean sameAs(FibRule o) {
        return family == o.family && priority == o.priority && invert == o.invert && hasSrc == o.hasSrc
                && srcHi == o.srcHi && srcLo == o.srcLo && srcLen == o.srcLen && hasDst == o.hasDst
                && dstHi == o.dstHi && dstLo == o.dstLo && dstLen == o.dstLen && tos == o.tos
                && hasMark == o.hasMark && fwmark == o.fwmark && fwmask == o.fwmask
                && java.util.Objects.equals(iifName, o.iifName) && java.util.Objects.equals(oifName, o.oifName)
                && action == o.action && table == o.table && gotoTarget == o.gotoTarget
                && suppressPrefixLen == o.suppressPrefixLen;
    }

    /** The rule as {@code ip rule show} prints it, without the priority column. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (invert) {
            sb.append("not ");
        }
        if (hasSrc) {
            sb.append("from ").append(Addr.format(family, srcHi, srcLo));
            if (srcLen != Addr.maxLen(family)) {
                sb.append('/').append(srcLen);
            }
        } else {
            sb.append("from all");
        }
        if (hasDst) {
            sb.append(" to ").append(Addr.format(family, dstHi, dstLo));
            if (dstLen != Addr.maxLen(family)) {
                sb.append('/').append(dstLen);
            }
        }
        if (tos != 0) {
            sb.append(" tos ").append(RtNames.dsfieldName(tos));
        }
        if (hasMark) {
            sb.append(" fwmark ").append(hex(fwmark));
            if (fwmask != -1) {
                sb.append('/').append(hex(fwmask));
            }
        }
        if (iifName != null) {
            sb.append(" iif ").append(iifName);
            if (iifIndex < 0) {
                sb.append(" [detached]");
            }
        }
        if (oifName != null) {
            sb.append(" oif ").append(oifName);
            if (oifIndex < 0) {
                sb.append(" [detached]");
            }
        }
        if (action == Action.TO_TBL) {
            sb.append(" lookup ").append(RtNames.tableName(table));
            if (suppressPrefixLen >= 0) {
                sb.append(" suppress_prefixlength ").append(suppressPrefixLen);
            }
        } else if (action == Action.GOTO) {
            sb.append(" goto ").append(Integer.toUnsignedString(gotoTarget));
            if (gotoRef == null) {
                sb.append(" [unresolved]");
            }
        } else if (action == Action.NOP) {
            sb.append(" nop");
        } else {
            sb.append(' ').append(RouteType.ofNumber(action.number).ipName());
        }
        if (protocol != 0 && protocol != RtNames.PROTO_KERNEL) {
            sb.append(" proto ").append(RtNames.protoName(protocol));
        }
        return sb.toString();
    }

    /** {@code %#llx}: 0x-prefixed hex, plain "0" for zero. */
    private static String hex(int v) {
        return v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(priority) + ":\t" + describe();
    }

    /** Selectors and action of a rule being built; defaults match everything and look up main. */
    public static final class Builder {
        private final int family;
        private int priority = -1;
        private boolean priorityGiven;
        private boolean invert;
        private boolean hasSrc;
        private long srcHi;
        private long srcLo;
        private int srcLen;
        private boolean hasDst;
        private long dstHi;
        private long dstLo;
        private int dstLen;
        private int tos;
        private boolean hasMark;
        private int fwmark;
        private int fwmask = -1;
        private String iifName;
        private String oifName;
        private Action action = Action.TO_TBL;
        private int table = RtNames.TABLE_MAIN;
        private int gotoTarget;
        private int suppressPrefixLen = -1;
        private int protocol;

        private Builder(int family) {
            if (family != Addr.V4 && family != Addr.V6) {
                throw new IllegalArgumentException("rule family must be 4 or 6, got " + family);
            }
            this.family = family;
        }

        public int family() {
            return family;
        }

        /** Unsigned priority; without one the rule gets Linux's default (see {@link FibRules#add}). */
        public Builder priority(int p) {
            this.priority = p;
            this.priorityGiven = true;
            return this;
        }

        boolean priorityGiven() {
            return priorityGiven;
        }

        public Builder invert(boolean v) {
            this.invert = v;
            return this;
        }

        public Builder from(long hi, long lo, int len) {
            this.hasSrc = len > 0;
            this.srcHi = hi;
            this.srcLo = lo;
            this.srcLen = len;
            return this;
        }

        public Builder to(long hi, long lo, int len) {
            this.hasDst = len > 0;
            this.dstHi = hi;
            this.dstLo = lo;
            this.dstLen = len;
            return this;
        }

        public Builder tos(int v) {
            this.tos = v;
            return this;
        }

        public Builder fwmark(int mark, int mask) {
            this.hasMark = true;
            this.fwmark = mark;
            this.fwmask = mask;
            return this;
        }

        public Builder iif(String name) {
            this.iifName = name;
            return this;
        }

        public Builder oif(String name) {
            this.oifName = name;
            return this;
        }

        public Builder lookup(int tableId) {
            this.action = Action.TO_TBL;
            this.table = tableId;
            return this;
        }

        public Builder action(Action a) {
            this.action = a;
            return this;
        }

        public Builder gotoPriority(int target) {
            this.action = Action.GOTO;
            this.gotoTarget = target;
            return this;
        }

        public Builder suppressPrefixLength(int len) {
            this.suppressPrefixLen = len;
            return this;
        }

        public Builder protocol(int p) {
            this.protocol = p;
            return this;
        }

        FibRule build(int prio) {
            this.priority = prio;
            return new FibRule(this);
        }

        int priorityValue() {
            return priority;
        }
    }
}
