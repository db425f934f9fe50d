package dev.weir.ip;

/**
 * What the host remembers about one remote address (Linux's {@code struct inet_peer}): the
 * ICMP rate-limit token bucket, and the count of IPv4 fragments received from it for
 * {@code ipfrag_max_dist}.
 */
final class InetPeer {
    final long keyHi;
    final long keyLo;
    /** Token bucket of {@code inet_peer_xrlim_allow}, in jiffies. */
    long rateTokens;
    long rateLast;
    /** Fragments received from this source ({@code peer->rid}). */
    int rid;

    InetPeer hashNext;
    InetPeer lruPrev;
    InetPeer lruNext;

    InetPeer(long keyHi, long keyLo, long jiffies) {
        this.keyHi = keyHi;
        this.keyLo = keyLo;
        // Linux: "60*HZ is arbitrary, but chosen enough high so that the first calculation of
        // tokens is at its maximum".
        this.rateLast = jiffies - 60L * Jiffies.HZ;
    }
}
