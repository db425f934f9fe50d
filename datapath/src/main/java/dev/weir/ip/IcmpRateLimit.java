package dev.weir.ip;

import dev.weir.core.Counters;
import dev.weir.core.Mib;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;

/**
 * The two limits on the ICMP and ICMPv6 messages a host sends, as Linux's {@code icmp.c} and
 * {@code ipv6/icmp.c} apply them to the types in the rate masks ({@code net.ipv4.icmp_ratemask}
 * 6168: destination unreachable but fragmentation needed, source quench, time exceeded,
 * parameter problem; {@code net.ipv6.icmp.ratemask} 0-1,3-127: every error but packet too big).
 * Echo replies and PMTU messages are never limited.
 *
 * <ol>
 *   <li>A global token bucket shared by IPv4 and IPv6 ({@code icmp_global_allow}): up to
 *       {@code icmp_msgs_burst} (50) credits, refilled at {@code icmp_msgs_per_sec} (1000) per
 *       second but only in steps of at least 20 ms (HZ/50) and at most one second's worth.
 *       Checked first ({@link #globalAllow4}); a refusal counts {@code IcmpOutRateLimitGlobal}.
 *       A message that is sent takes a random 0, 1 or 2 credits ({@code icmp_global_consume}:
 *       one on average, random so that the bucket's state cannot be probed).
 *   <li>A bucket per destination ({@code inet_peer_xrlim_allow}), counted in jiffies: it gains
 *       one token per jiffy up to 6 times the timeout, and a message costs the timeout
 *       ({@code icmp_ratelimit} 1000 ms for IPv4; {@code icmp.ratelimit} 1000 ms for IPv6,
 *       halved for every 32 bits the route's prefix is shorter than 128). A new destination
 *       starts full: 6 messages at once, then one per timeout. A refusal counts
 *       {@code IcmpOutRateLimitHost} / {@code Icmp6OutRateLimitHost}. Messages leaving by a
 *       loopback device are not limited per host.
 * </ol>
 * Time is counted in jiffies at {@link Jiffies#HZ}.
 */
public final class IcmpRateLimit {
    /** {@code XRLIM_BURST_FACTOR}. */
    static final int XRLIM_BURST_FACTOR = 6;
    /** {@code ip_rt_error_cost} and {@code ip_rt_error_burst} of {@code ip_error}. */
    static final long IP_RT_ERROR_COST = Jiffies.HZ;
    static final long IP_RT_ERROR_BURST = 5L * Jiffies.HZ;

    /** {@link #globalAllow4} / {@link #globalAllow6}: the type is not rate limited. */
    public static final int NOT_LIMITED = 0;
    /** The global bucket let it through: the per-host limit applies next. */
    public static final int LIMITED_ALLOWED = 1;
    /** The global bucket is empty: do not send. */
    public static final int REFUSED = 2;

    private static final int NR_ICMP_TYPES = 18;
    private static final int ICMPV6_MSG_MAX = 255;

    private final IpSysctls sys;
    private final Counters counters;
    private final Scheduler clock;
    private final SimRandom random;
    private final InetPeers peers4;
    private final InetPeers peers6;

    private int globalCredit;
    /** Long enough ago that the first message finds a full bucket (Linux's jiffies start far from 0). */
    private long globalStamp = -Jiffies.HZ;

    IcmpRateLimit(IpSysctls sys, Counters counters, Scheduler clock, SimRandom random, InetPeers peers4, InetPeers peers6) {
        this.sys = sys;
        this.counters = counters;
        this.clock = clock;
        this.random = random;
        this.peers4 = peers4;
        this.peers6 = peers6;
    }

    private long jiffies() {
        return Jiffies.of(clock.now());
    }

    /** {@code icmp_global_allow}: true when a credit is left or the bucket could be refilled. Takes nothing. */
    boolean globalAllow() {
        if (globalCredit > 0) {
            return true;
        }
        long now = jiffies();
        long delta = Math.min(now - globalStamp, Jiffies.HZ);
        if (delta < Jiffies.HZ / 50) {
            return false;
        }
        long incr = sys.icmpMsgsPerSec.get() * delta / Jiffies.HZ;
        if (incr == 0) {
            return false;
        }
        globalStamp = now;
        globalCredit = (int) Math.min(globalCredit + incr, sys.icmpMsgsBurst.get());
        return true;
    }

    /** {@code icmp_global_consume}: a message was sent; it takes 0, 1 or 2 credits (may go negative). */
    void globalConsume() {
        globalCredit -= random.nextInt(3);
    }

    /** Credits in the global bucket now (for tests and reports). */
    int globalCredit() {
        return globalCredit;
    }

    /** {@code icmpv4_global_allow}: {@link #NOT_LIMITED}, {@link #LIMITED_ALLOWED} or {@link #REFUSED} (counted). */
    public int globalAllow4(int type, int code) {
        if (type > NR_ICMP_TYPES
                || type == 3 && code == 4 // never limit PMTU discovery
                || (sys.icmpRatemask.get() & (1L << type)) == 0) {
            return NOT_LIMITED;
        }
        if (globalAllow()) {
            return LIMITED_ALLOWED;
        }
        counters.inc(Mib.IcmpOutRateLimitGlobal);
        return REFUSED;
    }

    /** {@code icmpv6_global_allow}: as {@link #globalAllow4}, by {@code net.ipv6.icmp.ratemask}; the bucket is shared. */
    public int globalAllow6(int type) {
        if (type > ICMPV6_MSG_MAX || !sys.icmp6Limited(type)) {
            return NOT_LIMITED;
        }
        if (globalAllow()) {
            return LIMITED_ALLOWED;
        }
        counters.inc(Mib.IcmpOutRateLimitGlobal);
        return REFUSED;
    }

    /**
     * {@code icmpv4_xrlim_allow}: the per-destination limit for a message to {@code daddr} that
     * passed {@link #globalAllow4} with {@code global}. True when it may be sent (and then the
     * global bucket is charged); false counts {@code IcmpOutRateLimitHost}.
     */
    public boolean hostAllow4(int daddr, boolean loopbackOut, int global) {
        if (global != LIMITED_ALLOWED) {
            return true;
        }
        boolean rc = loopbackOut
                || peerAllow(peers4.v4(daddr, jiffies()), Jiffies.fromMillis(sys.icmpRatelimit.get()), jiffies());
        if (!rc) {
            counters.inc(Mib.IcmpOutRateLimitHost);
        } else {
            globalConsume();
        }
        return rc;
    }

    /**
     * {@code icmpv6_xrlim_allow}: as {@link #hostAllow4} for a message to {@code hi:lo} whose
     * route has prefix length {@code routePrefixLen}: the timeout is halved per 32 bits short of
     * 128 ("give more bandwidth to wider prefixes").
     */
    public boolean hostAllow6(long hi, long lo, int routePrefixLen, boolean loopbackOut, int global) {
        if (global != LIMITED_ALLOWED) {
            return true;
        }
        boolean rc;
        if (loopbackOut) {
            rc = true;
        } else {
            long tmo = Jiffies.fromMillis(sys.icmp6Ratelimit.get());
            if (routePrefixLen < 128) {
                tmo >>= (128 - routePrefixLen) >> 5;
            }
            rc = peerAllow(peers6.v6(hi, lo, jiffies()), tmo, jiffies());
        }
        if (!rc) {
            counters.inc(Mib.Icmp6OutRateLimitHost);
        } else {
            globalConsume();
        }
        return rc;
    }

    /**
     * {@code ip_error}'s own limit on the unreachables it sends for input routes that fail:
     * a bucket per source of cost {@code HZ} and burst {@code 5 * HZ} in the same peer.
     */
    public boolean ipErrorAllow(int saddr) {
        long now = jiffies();
        InetPeer p = peers4.v4(saddr, now);
        p.rateTokens += now - p.rateLast;
        if (p.rateTokens > IP_RT_ERROR_BURST) {
            p.rateTokens = IP_RT_ERROR_BURST;
        }
        p.rateLast = now;
        if (p.rateTokens >= IP_RT_ERROR_COST) {
            p.rateTokens -= IP_RT_ERROR_COST;
            return true;
        }
        return false;
    }

    /** {@code inet_peer_xrlim_allow}. */
    static boolean peerAllow(InetPeer peer, long timeout, long now) {
        long token = peer.rateTokens;
        long delta = now - peer.rateLast;
        if (delta != 0) {
            peer.rateLast = now;
            token += delta;
            if (token > XRLIM_BURST_FACTOR * timeout) {
                token = XRLIM_BURST_FACTOR * timeout;
            }
        }
        boolean rc = false;
        if (token >= timeout) {
            token -= timeout;
            rc = true;
        }
        peer.rateTokens = token;
        return rc;
    }
}
