package dev.weir.neigh;

import dev.weir.core.Sysctls;
import dev.weir.sim.SimRandom;

/**
 * One device's neighbour parameters (Linux's {@code struct neigh_parms}): handles to its
 * {@code net.ipv4.neigh.DEV.*} or {@code net.ipv6.neigh.DEV.*} sysctls, read on each use, and
 * the randomised reachable time derived from {@code base_reachable_time_ms}.
 */
final class NeighParms {
    /** SKB_TRUESIZE(ETH_FRAME_LEN): what one queued full-size frame costs against unres_qlen_bytes. */
    static final long TRUESIZE_ETH_FRAME = 2090;

    final Sysctls.Value baseReachableMs;
    final Sysctls.Value retransMs;
    final Sysctls.Value delayFirstProbe;
    final Sysctls.Value ucastSolicit;
    final Sysctls.Value mcastSolicit;
    final Sysctls.Value mcastResolicit;
    final Sysctls.Value appSolicit;
    final Sysctls.Value unresQlenBytes;
    final Sysctls.Value unresQlen;
    final Sysctls.Value gcStaleTime;
    final Sysctls.Value locktime;
    private final SimRandom random;
    /** reachable_time in ns: uniform in [base/2, 3*base/2), redrawn when base changes and every 300 s. */
    long reachableTime;
    long lastRand;
    private boolean syncing;

    NeighParms(Sysctls s, String prefix, String dev, SimRandom random, long now) {
        this.random = random;
        baseReachableMs = s.device(prefix, dev, "base_reachable_time_ms");
        retransMs = s.device(prefix, dev, "retrans_time_ms");
        delayFirstProbe = s.device(prefix, dev, "delay_first_probe_time");
        ucastSolicit = s.device(prefix, dev, "ucast_solicit");
        mcastSolicit = s.device(prefix, dev, "mcast_solicit");
        mcastResolicit = s.device(prefix, dev, "mcast_resolicit");
        appSolicit = s.device(prefix, dev, "app_solicit");
        unresQlenBytes = s.device(prefix, dev, "unres_qlen_bytes");
        unresQlen = s.device(prefix, dev, "unres_qlen");
        gcStaleTime = s.device(prefix, dev, "gc_stale_time");
        locktime = s.device(prefix, dev, "locktime");
        randomise(now);
        baseReachableMs.onChange(v -> randomise(lastRand));
        // unres_qlen is unres_qlen_bytes counted in full-size frames: writing either sets both.
        unresQlen.onChange(v -> sync(s, unresQlenBytes, v * TRUESIZE_ETH_FRAME));
        unresQlenBytes.onChange(v -> sync(s, unresQlen, v / TRUESIZE_ETH_FRAME));
    }

    private void sync(Sysctls s, Sysctls.Value other, long v) {
        if (!syncing) {
            syncing = true;
            try {
                s.set(other.name(), Long.toString(Math.min(v, Integer.MAX_VALUE)));
            } finally {
                syncing = false;
            }
        }
    }

    /** neigh_rand_reach_time: uniform in [base/2, 3*base/2). */
    void randomise(long now) {
        long base = baseReachableMs.get() * 1_000_000L;
        reachableTime = base == 0 ? 0 : random.nextLong(base) + (base >> 1);
        lastRand = now;
    }

    /** The reachable time now, redrawn if 300 s passed since the last draw (neigh_periodic_work does it). */
    long reachableTime(long now) {
        if (now - lastRand >= 300_000_000_000L) {
            randomise(now);
        }
        return reachableTime;
    }

    long retransNanos() {
        return Math.max(retransMs.get() * 1_000_000L, 10_000_000L);
    }

    long delayProbeNanos() {
        return delayFirstProbe.get() * 1_000_000_000L;
    }

    /** neigh_max_probes. */
    int maxProbes(boolean probeState) {
        return (int) (ucastSolicit.get() + appSolicit.get() + (probeState ? mcastResolicit.get() : mcastSolicit.get()));
    }
}
