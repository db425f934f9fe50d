package dev.weir.route;

import dev.weir.core.NetDevice;

/**
 * The answer to a route lookup (Linux's {@code fib_result} plus what {@code ip_route_output}
 * adds to it), reused across lookups so that they allocate nothing.
 *
 * <p>{@link #error()} is 0 on success or a negative errno: {@code -ENETUNREACH} (no route, or an
 * {@code unreachable} rule), {@code -EHOSTUNREACH} (an {@code unreachable} route), {@code -EACCES}
 * (prohibit), {@code -EINVAL} (blackhole). On success {@link #type()} says what the destination
 * is (unicast to forward or send, local, broadcast, multicast), {@link #dev()} where it leaves,
 * {@link #nextHopLo()}/{@link #nextHopHi()} the neighbour to resolve: the gateway, or the
 * destination itself when it is on-link.
 */
public final class FibResult {
    /** {@code RTCF_*} flags of an output or input route, as {@code ip route get} shows them in "cache &lt;...&gt;". */
    public static final int RTCF_LOCAL = 0x8000_0000;
    public static final int RTCF_BROADCAST = 0x1000_0000;
    public static final int RTCF_MULTICAST = 0x2000_0000;

    int error;
    RouteType type;
    Route route;
    int table;
    FibRule rule;
    NetDevice dev;
    boolean viaGateway;
    long nhHi;
    long nhLo;
    long srcHi;
    long srcLo;
    int mtu;
    boolean mtuLocked;
    long pmtuExpires;
    int pmtu;
    int flags;
    boolean input;

    /** Clears the result before a lookup. */
    public void reset() {
        error = 0;
        type = null;
        route = null;
        table = 0;
        rule = null;
        dev = null;
        viaGateway = false;
        nhHi = nhLo = srcHi = srcLo = 0;
        mtu = 0;
        mtuLocked = false;
        pmtuExpires = 0;
        pmtu = 0;
        flags = 0;
        input = false;
    }

    /** 0, or a negative {@link Errno}. */
    public int error() {
        return error;
    }

    public boolean ok() {
        return error == 0;
    }

    public RouteType type() {
        return type;
    }

    /** The route that matched; null when none did, or for routes made without one (assumed on-link, 0.0.0.0). */
    public Route route() {
        return route;
    }

    /** The table that answered. */
    public int table() {
        return table;
    }

    /** The policy rule whose action produced the answer. */
    public FibRule rule() {
        return rule;
    }

    public NetDevice dev() {
        return dev;
    }

    /** True when the next hop is a gateway rather than the destination itself. */
    public boolean viaGateway() {
        return viaGateway;
    }

    public long nextHopHi() {
        return nhHi;
    }

    public long nextHopLo() {
        return nhLo;
    }

    /** The IPv4 neighbour to resolve. */
    public int nextHop4() {
        return (int) nhLo;
    }

    /** The source address chosen (or given) for the flow. */
    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public int src4() {
        return (int) srcLo;
    }

    /** The path MTU: a learned exception, else the route's MTU metric, else the device's MTU. */
    public int mtu() {
        return mtu;
    }

    /** The route locks its MTU ({@code mtu lock}): send without DF, ignore "fragmentation needed". */
    public boolean mtuLocked() {
        return mtuLocked;
    }

    /** The MTU of a learned path-MTU exception in force, 0 when none. */
    public int pmtu() {
        return pmtu;
    }

    /** Virtual time (ns) at which that exception expires, 0 when none. */
    public long pmtuExpires() {
        return pmtuExpires;
    }

    /** {@link #RTCF_LOCAL}, {@link #RTCF_BROADCAST}, {@link #RTCF_MULTICAST} bits. */
    public int flags() {
        return flags;
    }

    /** True for a route resolved for a received packet (input path). */
    public boolean input() {
        return input;
    }

    /** Copies {@code o} into this result. */
    public void copyFrom(FibResult o) {
        error = o.error;
        type = o.type;
        route = o.route;
        table = o.table;
        rule = o.rule;
        dev = o.dev;
        viaGateway = o.viaGateway;
        nhHi = o.nhHi;
        nhLo = o.nhLo;
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        mtu = o.mtu;
        mtuLocked = o.mtuLocked;
        pmtuExpires = o.pmtuExpires;
        pmtu = o.pmtu;
        flags = o.flags;
        input = o.input;
    }

    @Override
    public String toString() {
        if (error != 0) {
            return "FibResult[" + Errno.name(error) + "]";
        }
        return "FibResult[" + type + " " + route + " table " + RtNames.tableName(table) + " dev " + dev + "]";
    }
}
