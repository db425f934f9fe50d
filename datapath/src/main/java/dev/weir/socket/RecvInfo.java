package dev.weir.socket;

import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv6Address;

/**
 * What {@link Sock#recvfrom} reports besides the bytes, as {@code recvmsg} fills
 * {@code msg_name}, {@code msg_flags} and the control messages: the sender's address, the
 * {@code MSG_TRUNC} flag, the receive time ({@code SO_TIMESTAMP}), the TTL or hop limit
 * ({@code IP_RECVTTL}, {@code IPV6_RECVHOPLIMIT}), the TOS or traffic class, and, for
 * {@code MSG_ERRQUEUE}, the extended error. Reusable across calls: every call fills it anew, so a
 * receive loop allocates nothing.
 */
public final class RecvInfo {
    private int family;
    private long hi;
    private long lo;
    private int port;
    private int scopeId;
    private int flags;
    private long timestamp;
    private int ttl;
    private int tos;
    private SockExtendedErr error;

    public RecvInfo() {
        reset();
    }

    /** Clears what a previous call filled. */
    public RecvInfo reset() {
        family = SockAddr.AF_UNSPEC;
        hi = 0;
        lo = 0;
        port = 0;
        scopeId = 0;
        flags = 0;
        timestamp = -1;
        ttl = -1;
        tos = -1;
        error = null;
        return this;
    }

    void setAddress(int family, long hi, long lo, int port, int scopeId) {
        this.family = family;
        this.hi = hi;
        this.lo = lo;
        this.port = port;
        this.scopeId = scopeId;
    }

    void addFlags(int f) {
        flags |= f;
    }

    void setTimestamp(long nanos) {
        timestamp = nanos;
    }

    void setTtl(int t) {
        ttl = t;
    }

    void setTos(int t) {
        tos = t;
    }

    void setError(SockExtendedErr e) {
        error = e;
    }

    /** The sender's family ({@code AF_UNSPEC} when nothing was received). */
    public int family() {
        return family;
    }

    public long addressHi() {
        return hi;
    }

    public long addressLo() {
        return lo;
    }

    /** The sender's IPv4 address (for an AF_INET sender). */
    public int address4() {
        return (int) lo;
    }

    public int port() {
        return port;
    }

    /** {@code msg_flags}: {@link SockOpt#MSG_TRUNC}, {@link SockOpt#MSG_ERRQUEUE}. */
    public int flags() {
        return flags;
    }

    /** When the datagram reached the host, in virtual nanoseconds ({@code SO_TIMESTAMP}); -1 if unknown. */
    public long timestamp() {
        return timestamp;
    }

    /** The received TTL / hop limit when {@code IP_RECVTTL} / {@code IPV6_RECVHOPLIMIT} is on, else -1. */
    public int ttl() {
        return ttl;
    }

    /** The received TOS / traffic class when {@code IP_RECVTOS} / {@code IPV6_RECVTCLASS} is on, else -1. */
    public int tos() {
        return tos;
    }

    /** The extended error of a {@code MSG_ERRQUEUE} read, else null. */
    public SockExtendedErr error() {
        return error;
    }

    /** The sender as an address (allocates; for slow paths and tests). */
    public SockAddr from() {
        return family == SockAddr.AF_UNSPEC ? null : new SockAddr(family, hi, lo, port, scopeId);
    }

    /** The sender's address as text ({@code 10.0.0.1}, {@code fd00::1}). */
    public String addressText() {
        return family == SockAddr.AF_INET ? Ipv4Address.toString((int) lo) : Ipv6Address.toString(hi, lo);
    }
}
