package dev.weir.trace;

/**
 * What the socket tracepoints ({@code tcp:*}, {@code sock:inet_sock_set_state}) read from a
 * socket: the transport layer passes an object implementing this as the event's subject, and
 * the hooks layer reads Linux's fields from it. All values are as at the moment of firing.
 *
 * <p>Addresses: IPv4 ones as ints in network order; IPv6 ones as two longs (the first 8 bytes
 * big-endian in {@code hi}). For an IPv4 socket the V6 getters return the v4-mapped address
 * {@code ::ffff:a.b.c.d}, as Linux fills {@code saddr_v6}; for an IPv6 socket the V4 getters
 * return 0.
 */
public interface SockInfo {
    /** The socket's identity (Linux's {@code skaddr}): non-zero, stable while it lives, deterministic. */
    long sockId();

    /** The socket cookie ({@code sock_gen_cookie}): unique per socket over the host's life. */
    long cookie();

    /** AF_INET (2) or AF_INET6 (10). */
    int family();

    /** IP protocol number: 6 for TCP, 17 for UDP. */
    int protocol();

    int sport();

    int dport();

    int saddr4();

    int daddr4();

    long saddr6Hi();

    long saddr6Lo();

    long daddr6Hi();

    long daddr6Lo();

    /** The socket's mark ({@code SO_MARK}). */
    int mark();

    /** The TCP state ({@code TCP_ESTABLISHED} = 1 ...), as {@link dev.weir.api.prog.TcpStates}. */
    int state();

    // ---- what tcp:tcp_probe adds ----

    int sndNxt();

    int sndUna();

    /** Congestion window in segments. */
    int sndCwnd();

    int sndSsthresh();

    int sndWnd();

    /** Smoothed RTT in microseconds, unscaled ({@code srtt_us >> 3}). */
    int srttUs();

    int rcvWnd();
}
