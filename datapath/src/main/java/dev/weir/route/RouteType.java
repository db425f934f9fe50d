package dev.weir.route;

/**
 * Route types ({@code RTN_*} in Linux's rtnetlink.h) with the names {@code ip route} uses, and
 * what a lookup that ends on each reports ({@code fib_props[].error}): a reject type stops the
 * lookup with its errno, {@link #THROW} sends it on to the next rule.
 */
public enum RouteType {
    UNSPEC(0, "none", 0),
    UNICAST(1, "unicast", 0),
    LOCAL(2, "local", 0),
    BROADCAST(3, "broadcast", 0),
    ANYCAST(4, "anycast", 0),
    MULTICAST(5, "multicast", 0),
    /** Silently discard: the sender sees EINVAL. */
    BLACKHOLE(6, "blackhole", -Errno.EINVAL),
    /** ICMP host unreachable, EHOSTUNREACH. */
    UNREACHABLE(7, "unreachable", -Errno.EHOSTUNREACH),
    /** ICMP administratively prohibited, EACCES. */
    PROHIBIT(8, "prohibit", -Errno.EACCES),
    /** Not in this table: go on to the next rule. */
    THROW(9, "throw", -Errno.EAGAIN),
    NAT(10, "nat", -Errno.EINVAL),
    XRESOLVE(11, "xresolve", -Errno.EINVAL);

    private static final RouteType[] BY_NUMBER = values();

    private final int number;
    private final String ipName;
    private final int error;

    RouteType(int number, String ipName, int error) {
        this.number = number;
        this.ipName = ipName;
        this.error = error;
    }

    /** The RTN_ number. */
    public int number() {
        return number;
    }

    /** The name {@code ip route} prints and parses. */
    public String ipName() {
        return ipName;
    }

    /** 0, or the negative errno a lookup ending on this type returns. */
    public int error() {
        return error;
    }

    /** Blackhole, unreachable, prohibit or throw: a route with no nexthop that ends a lookup. */
    public boolean isReject() {
        return error != 0;
    }

    public static RouteType ofNumber(int n) {
        return n >= 0 && n < BY_NUMBER.length ? BY_NUMBER[n] : null;
    }
}
