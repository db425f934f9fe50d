package dev.weir.route;

import dev.weir.core.NetDevice;

/**
 * One route in a table (Linux's {@code fib_alias} with its {@code fib_info}, or an IPv6
 * {@code fib6_info}), immutable: a change is a new route replacing the old one.
 *
 * <p>Addresses are in the two-long form of {@link Addr}. The metric is an unsigned 32-bit value
 * held in an int; compare with {@link Integer#compareUnsigned}.
 */
public final class Route {
    /** IPv6 router preferences ({@code ICMPV6_ROUTER_PREF_*}). */
    public static final int PREF_MEDIUM = 0;
    public static final int PREF_HIGH = 1;
    public static final int PREF_LOW = 3;

    /** The metric IPv6 gives user routes without one, and the one of the prefix routes addresses add. */
    public static final int IP6_RT_PRIO_USER = 1024;
    public static final int IP6_RT_PRIO_ADDRCONF = 256;

    private final int family;
    private final long dstHi;
    private final long dstLo;
    private final int dstLen;
    private final int tos;
    private final RouteType type;
    private final int table;
    private final int protocol;
    private final int scope;
    private final int metric;
    private final boolean hasGateway;
    private final long gwHi;
    private final long gwLo;
    private final NetDevice dev;
    private final boolean hasPrefsrc;
    private final long srcHi;
    private final long srcLo;
    private final int mtu;
    private final boolean mtuLock;
    private final boolean onlink;
    private final int pref;

    private Route(Builder b) {
        this.family = b.family;
        long mh = Addr.maskHi(b.family, b.dstLen);
        long ml = Addr.maskLo(b.family, b.dstLen);
        this.dstHi = b.dstHi & mh;
        this.dstLo = b.dstLo & ml;
        this.dstLen = b.dstLen;
        this.tos = b.tos;
        this.type = b.type;
        this.table = b.table;
        this.protocol = b.protocol;
        this.scope = b.scope;
        this.metric = b.metric;
        this.hasGateway = b.hasGateway;
        this.gwHi = b.gwHi;
        this.gwLo = b.gwLo;
        this.dev = b.dev;
        this.hasPrefsrc = b.hasPrefsrc;
        this.srcHi = b.srcHi;
        this.srcLo = b.srcLo;
        this.mtu = b.mtu;
        this.mtuLock = b.mtuLock;
        this.onlink = b.onlink;
        this.pref = b.pref;
    }

    public static Builder builder(int family) {
        return new Builder(family);
    }

    /** A builder holding this route's fields, to derive a changed route. */
    public Builder toBuilder() {
        Builder b = new Builder(family);
        b.dstHi = dstHi;
        b.dstLo = dstLo;
        b.dstLen = dstLen;
        b.tos = tos;
        b.type = type;
        b.table = table;
        b.protocol = protocol;
        b.scope = scope;
        b.metric = metric;
        b.hasGateway = hasGateway;
        b.gwHi = gwHi;
        b.gwLo = gwLo;
        b.dev = dev;
        b.hasPrefsrc = hasPrefsrc;
        b.srcHi = srcHi;
        b.srcLo = srcLo;
        b.mtu = mtu;
        b.mtuLock = mtuLock;
        b.onlink = onlink;
        b.pref = pref;
        return b;
    }

    public int family() {
        return family;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    public int dstLen() {
        return dstLen;
    }

    /** IPv4 destination network. */
    public int dst4() {
        return (int) dstLo;
    }

    public int tos() {
        return tos;
    }

    public RouteType type() {
        return type;
    }

    public int table() {
        return table;
    }

    public int protocol() {
        return protocol;
    }

    public int scope() {
        return scope;
    }

    /** Priority; lower wins among routes of the same prefix. Unsigned. */
    public int metric() {
        return metric;
    }

    public boolean hasGateway() {
        return hasGateway;
    }

    public long gwHi() {
        return gwHi;
    }

    public long gwLo() {
        return gwLo;
    }

    public int gateway4() {
        return (int) gwLo;
    }

    /** Output device, null for reject routes (IPv6 attaches those to lo). */
    public NetDevice dev() {
        return dev;
    }

    public boolean hasPrefsrc() {
        return hasPrefsrc;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public int prefsrc4() {
        return (int) srcLo;
    }

    /** The route's MTU metric, 0 for none (the device's MTU applies). */
    public int mtu() {
        return mtu;
    }

    /** {@code mtu lock}: path MTU discovery may not lower it. */
    public boolean mtuLock() {
        return mtuLock;
    }

    public boolean onlink() {
        return onlink;
    }

    /** IPv6 router preference, {@link #PREF_MEDIUM} by default. */
    public int pref() {
        return pref;
    }

    /** True when {@code (hi, lo)} lies in this route's destination prefix. */
    public boolean covers(long hi, long lo) {
        return Addr.inPrefix(family, dstHi, dstLo, dstLen, hi, lo);
    }

    /**
     * Its device is administratively down (a dead nexthop): Linux removes such routes and lookups
     * skip them; host-scope routes (the device's local addresses) stay alive, as Linux's
     * {@code fib_sync_down_dev} spares nexthops of scope "nowhere".
     */
    public boolean isDead() {
        return dev != null && !dev.isUp() && scope != RtNames.SCOPE_HOST;
    }

    /** Its device is up without a carrier: {@code ip route} shows "linkdown"; lookups still use it. */
    public boolean isLinkDown() {
        return dev != null && dev.isUp() && !dev.hasCarrier() && type != RouteType.LOCAL;
    }

    /** Same nexthop and attributes as {@code o} (Linux refuses such a duplicate even with append). */
    public boolean sameAs(Route o) {
        return family == o.family && dstHi == o.dstHi && dstLo == o.dstLo && dstLen == o.dstLen && tos == o.tos
                && type == o.type && table == o.table && protocol == o.protocol && scope == o.scope
                && metric == o.metric && hasGateway == o.hasGateway && gwHi == o.gwHi && gwLo == o.gwLo
                && dev == o.dev && hasPrefsrc == o.hasPrefsrc && srcHi == o.srcHi && srcLo == o.srcLo
                && mtu == o.mtu && mtuLock == o.mtuLock && onlink == o.onlink;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.ipName()).append(' ');
        }
        sb.append(dstLen == 0 ? "default" : Addr.formatPrefix(family, dstHi, dstLo, dstLen));
        if (hasGateway) {
            sb.append(" via ").append(Addr.format(family, gwHi, gwLo));
        }
        if (dev != null) {
            sb.append(" dev ").append(dev.name());
        }
        if (table != RtNames.TABLE_MAIN) {
            sb.append(" table ").append(RtNames.tableName(table));
        }
        if (metric != 0) {
            sb.append(" metric ").append(Integer.toUnsignedString(metric));
        }
        return sb.toString();
    }

    /** Fields of a route being built; defaults are those of {@code ip route add} (unicast, main, boot, universe). */
    public static final class Builder {
        private final int family;
        private long dstHi;
        private long dstLo;
        private int dstLen;
        private int tos;
        private RouteType type = RouteType.UNICAST;
        private int table = RtNames.TABLE_MAIN;
        private int protocol = RtNames.PROTO_BOOT;
        private int scope = RtNames.SCOPE_UNIVERSE;
        private int metric;
        private boolean hasGateway;
        private long gwHi;
        private long gwLo;
        private NetDevice dev;
        private boolean hasPrefsrc;
        private long srcHi;
        private long srcLo;
        private int mtu;
        private boolean mtuLock;
        private boolean onlink;
        private int pref = PREF_MEDIUM;

        private Builder(int family) {
            if (family != Addr.V4 && family != Addr.V6) {
                throw new IllegalArgumentException("route family must be 4 or 6, got " + family);
            }
            this.family = family;
        }

        public int family() {
            return family;
        }

        public Builder dst(long hi, long lo, int len) {
            if (len < 0 || len > Addr.maxLen(family)) {
                throw new IllegalArgumentException("prefix length " + len + " is outside 0.." + Addr.maxLen(family));
            }
            this.dstHi = hi;
            this.dstLo = lo;
            this.dstLen = len;
            return this;
        }

        /** IPv4 destination. */
        public Builder dst4(int addr, int len) {
            return dst(0, Addr.v4(addr), len);
        }

        public Builder tos(int v) {
            this.tos = v;
            return this;
        }

        public Builder type(RouteType v) {
            this.type = v;
            return this;
        }

        public Builder table(int v) {
            this.table = v;
            return this;
        }

        public Builder protocol(int v) {
            this.protocol = v;
            return this;
        }

        public Builder scope(int v) {
            this.scope = v;
            return this;
        }

        public Builder metric(int v) {
            this.metric = v;
            return this;
        }

        public Builder gateway(long hi, long lo) {
            this.hasGateway = true;
            this.gwHi = hi;
            this.gwLo = lo;
            return this;
        }

        public Builder gateway4(int addr) {
            return gateway(0, Addr.v4(addr));
        }

        public Builder noGateway() {
            this.hasGateway = false;
            this.gwHi = 0;
            this.gwLo = 0;
            return this;
        }

        public Builder dev(NetDevice v) {
            this.dev = v;
            return this;
        }

        public Builder prefsrc(long hi, long lo) {
            this.hasPrefsrc = true;
            this.srcHi = hi;
            this.srcLo = lo;
            return this;
        }

        public Builder prefsrc4(int addr) {
            return prefsrc(0, Addr.v4(addr));
        }

        public Builder mtu(int v, boolean lock) {
            this.mtu = v;
            this.mtuLock = lock;
            return this;
        }

        public Builder onlink(boolean v) {
            this.onlink = v;
            return this;
        }

        public Builder pref(int v) {
            this.pref = v;
            return this;
        }

        /** The destination has bits set beyond its prefix length (IPv4 refuses such a route, IPv6 clears them). */
        public boolean hostBitsSet() {
            return (dstHi & ~Addr.maskHi(family, dstLen)) != 0 || (dstLo & ~Addr.maskLo(family, dstLen)) != 0;
        }

        public Route build() {
            return new Route(this);
        }
    }
}
