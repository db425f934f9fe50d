package dev.weir.socket;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;

/**
 * An internet socket address ({@code struct sockaddr_in} / {@code sockaddr_in6}): family,
 * address, port and, for IPv6, the scope (interface index) of a link-local address.
 *
 * <p>Addresses are kept as two longs, as the routing stage keeps them: IPv4 in the low 32 bits
 * of {@code lo} ({@code hi} 0), IPv6 as its high and low halves. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.0.0.1}) is an {@link #AF_INET6} address whose {@code lo} holds
 * {@code 0x0000ffff_0a000001}.
 *
 * <p>Text forms, as {@code ss} and the tools print them and {@link #parse} reads them:
 * {@code 10.0.0.1:80}, {@code [fd00::1]:80}, {@code [fe80::1%2]:80} (scope as an index).
 *
 * @param family {@link #AF_INET}, {@link #AF_INET6} or {@link #AF_UNSPEC}
 * @param hi high half of an IPv6 address, 0 for IPv4
 * @param lo low half of an IPv6 address, or the IPv4 address in the low 32 bits
 * @param port 0..65535
 * @param scopeId {@code sin6_scope_id}: an ifindex for link-local IPv6 addresses, else 0
 */
public record SockAddr(int family, long hi, long lo, int port, int scopeId) {
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public SockAddr {
        if (family != AF_INET && family != AF_INET6 && family != AF_UNSPEC) {
            throw new IllegalArgumentException("address family must be AF_INET (2), AF_INET6 (10) or AF_UNSPEC (0), got " + family);
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (family == AF_INET && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("an AF_INET address must fit 32 bits, got " + Long.toHexString(hi) + ":" + Long.toHexString(lo));
        }
    }

    /** {@code AF_UNSPEC}: what {@code connect} takes to dissolve an association. */
    public static final SockAddr UNSPEC = new SockAddr(AF_UNSPEC, 0, 0, 0, 0);

    public static SockAddr v4(int address, int port) {
        return new SockAddr(AF_INET, 0, address & 0xffff_ffffL, port, 0);
    }

    public static SockAddr v4(String address, int port) {
        return v4(Ipv4Address.parse(address).bits(), port);
    }

    public static SockAddr v6(long hi, long lo, int port) {
        return new SockAddr(AF_INET6, hi, lo, port, 0);
    }

    public static SockAddr v6(long hi, long lo, int port, int scopeId) {
        return new SockAddr(AF_INET6, hi, lo, port, scopeId);
    }

    public static SockAddr v6(Ipv6Address a, int port) {
        return v6(a.hi(), a.lo(), port);
    }

    /** The wildcard address of {@code family} ({@code 0.0.0.0} or {@code ::}) with {@code port}. */
    public static SockAddr any(int family, int port) {
        return new SockAddr(family, 0, 0, port, 0);
    }

    /** The IPv4-mapped IPv6 form of an IPv4 address ({@code ::ffff:a.b.c.d}). */
    public static SockAddr mapped(int v4, int port) {
        return v6(0, 0x0000_ffff_0000_0000L | (v4 & 0xffff_ffffL), port);
    }

    /**
     * Reads {@code 10.0.0.1:80}, {@code [fd00::1]:80} or {@code [fe80::1%2]:80}; a bare address
     * without a port gets port 0. The message of a failure names the text and what was expected.
     */
    public static SockAddr parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("missing ']'");
                }
                String inner = t.substring(1, close);
                int scope = 0;
                int pct = inner.indexOf('%');
                if (pct >= 0) {
                    scope = Integer.parseInt(inner.substring(pct + 1));
                    inner = inner.substring(0, pct);
                }
                Ipv6Address a = Ipv6Address.parse(inner);
                String rest = t.substring(close + 1);
                int port = rest.isEmpty() ? 0 : parsePort(rest.startsWith(":") ? rest.substring(1) : rest, text);
                return v6(a.hi(), a.lo(), port, scope);
            }
            int colon = t.indexOf(':');
            if (colon >= 0 && t.indexOf(':', colon + 1) >= 0) {
                Ipv6Address a = Ipv6Address.parse(t); // bare IPv6 address, no port
                return v6(a, 0);
            }
            if (colon < 0) {
                return v4(Ipv4Address.parse(t).bits(), 0);
            }
            return v4(Ipv4Address.parse(t.substring(0, colon)).bits(), parsePort(t.substring(colon + 1), text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a socket address like 10.0.0.1:80 or [fd00::1]:80 ("
                    + e.getMessage() + ")", e);
        }
    }

    private static int parsePort(String s, String text) {
        int p;
        try {
            p = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + s + "' is not a number");
        }
        if (p < 0 || p > 0xffff) {
            throw new IllegalArgumentException("port " + p + " is outside 0..65535");
        }
        return p;
    }

    public boolean isV4() {
        return family == AF_INET;
    }

    public boolean isV6() {
        return family == AF_INET6;
    }

    /** The IPv4 address bits (meaningful for AF_INET and for a mapped IPv6 address). */
    public int v4() {
        return (int) lo;
    }

    /** The IPv6 address (AF_INET6). */
    public Ipv6Address v6() {
        return new Ipv6Address(hi, lo);
    }

    /** {@code INADDR_ANY} / {@code in6addr_any}. */
    public boolean isAny() {
        return hi == 0 && lo == 0;
    }

    /** An AF_INET6 address of the form {@code ::ffff:a.b.c.d}. */
    public boolean isV4Mapped() {
        return family == AF_INET6 && isMapped(hi, lo);
    }

    static boolean isMapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /** The same address with another port. */
    public SockAddr withPort(int p) {
        return new SockAddr(family, hi, lo, p, scopeId);
    }

    /** The address without the port, as the tools print it ({@code 10.0.0.1}, {@code fd00::1}). */
    public String address() {
        return family == AF_INET ? Ipv4Address.toString((int) lo) : family == AF_INET6 ? Ipv6Address.toString(hi, lo) : "unspec";
    }

    @Override
    public String toString() {
        if (family == AF_INET6) {
            return "[" + address() + (scopeId != 0 ? "%" + scopeId : "") + "]:" + port;
        }
        return address() + ":" + port;
    }
}
