package dev.weir.ip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.api.wire.Icmpv4Packet;
import dev.weir.api.wire.Icmpv6Packet;
import dev.weir.core.Mib;
import dev.weir.core.NetNs;
import dev.weir.sim.Scheduler;
import dev.weir.sim.SimRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ICMP rate limiting over virtual time, against Linux's algorithms (icmp.c icmp_global_allow,
 * icmpv4_xrlim_allow, inet_peer_xrlim_allow; ipv6/icmp.c icmpv6_xrlim_allow) with HZ = 1000.
 */
class IcmpRateLimitTest {
    private final Scheduler clock = new Scheduler();
    private final NetNs net = new NetNs("h", clock, new SimRandom(7), 1);
    private final IpSysctls sys = new IpSysctls(net.sysctls());
    private final IcmpRateLimit rl = new IcmpRateLimit(sys, net.counters(), clock, new SimRandom(99), new InetPeers(), new InetPeers());

    private boolean send4(int dst, int type, int code) {
        int g = rl.globalAllow4(type, code);
        return g != IcmpRateLimit.REFUSED && rl.hostAllow4(dst, false, g);
    }

    /** Times (ms) at which errors offered every millisecond for {@code ms} got through. */
    private List<Long> offerEveryMs(long ms, java.util.function.BooleanSupplier send) {
        List<Long> sent = new ArrayList<>();
        for (long t = 0; t < ms; t++) {
            clock.runUntil(t * 1_000_000L);
            if (send.getAsBoolean()) {
                sent.add(t);
            }
        }
        return sent;
    }

    @Test
    void perHostBucketSendsABurstOfSixThenOnePerIcmpRatelimit() {
        net.sysctls().set("net.ipv4.icmp_msgs_burst", "100000");
        net.sysctls().set("net.ipv4.icmp_msgs_per_sec", "1000000");
        // A new peer starts with 6000 tokens (its last use 60 s ago, capped at 6 * 1000); each
        // message costs 1000, a millisecond earns one: sends at 0..5 ms leave 6 tokens, the next
        // 1000 come at 1000 ms, then every 1000 ms.
        List<Long> sent = offerEveryMs(10_000, () -> send4(0x0a000001, Icmpv4Packet.TIME_EXCEEDED, 0));
        assertThat(sent).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L);
        assertThat(net.counters().get(Mib.IcmpOutRateLimitHost)).isEqualTo(10_000 - 15);
        assertThat(net.counters().get(Mib.IcmpOutRateLimitGlobal)).isZero();
    }

    @Test
    void eachDestinationHasItsOwnBucket() {
        for (int dst = 1; dst <= 3; dst++) {
            for (int i = 0; i < 6; i++) {
                assertThat(send4(dst, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_PORT)).isTrue();
            }
            assertThat(send4(dst, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_PORT)).isFalse();
        }
    }

    @Test
    void icmpRatelimitSetsThePeriod() {
        net.sysctls().set("net.ipv4.icmp_ratelimit", "250");
        List<Long> sent = offerEveryMs(1_001, () -> send4(5, Icmpv4Packet.TIME_EXCEEDED, 0));
        assertThat(sent).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 250L, 500L, 750L, 1000L);
    }

    @Test
    void typesOutsideTheRatemaskFragNeededAndEchoRepliesAreNeverLimited() {
        for (int i = 0; i < 1000; i++) {
            assertThat(send4(9, Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_FRAG_NEEDED)).isTrue();
            assertThat(send4(9, Icmpv4Packet.ECHO_REPLY, 0)).isTrue();
            assertThat(send4(9, Icmpv4Packet.REDIRECT, 0)).as("5 is not in 6168").isTrue();
        }
        assertThat(rl.globalAllow4(Icmpv4Packet.ECHO_REPLY, 0)).isEqualTo(IcmpRateLimit.NOT_LIMITED);
        net.sysctls().set("net.ipv4.icmp_ratemask", Integer.toString(1 << Icmpv4Packet.ECHO_REPLY));
        assertThat(rl.globalAllow4(Icmpv4Packet.ECHO_REPLY, 0)).isEqualTo(IcmpRateLimit.LIMITED_ALLOWED);
    }

    @Test
    void aLoopbackRouteIsNotLimitedPerHost() {
        for (int i = 0; i < 100; i++) {
            int g = rl.globalAllow4(Icmpv4Packet.DEST_UNREACHABLE, Icmpv4Packet.UNREACH_PORT);
            assertThat(rl.hostAllow4(0x7f000001, true, g)).isTrue();
        }
    }

    @Test
    void theGlobalBucketRefillsInStepsOfAtLeast20msUpToTheBurst() {
        assertThat(rl.globalAllow()).as("the first message finds the bucket full").isTrue();
        assertThat(rl.globalCredit()).isEqualTo(50);
        // Drain it: each send takes 0, 1 or 2 credits.
        int dst = 0;
        while (rl.globalCredit() > 0) {
            assertThat(rl.globalAllow4(Icmpv4Packet.DEST_UNREACHABLE, 3)).isEqualTo(IcmpRateLimit.LIMITED_ALLOWED);
            rl.hostAllow4(++dst, false, IcmpRateLimit.LIMITED_ALLOWED);
        }
        int left = rl.globalCredit();
        assertThat(left).isBetween(-1, 0);
        assertThat(rl.globalAllow4(Icmpv4Packet.DEST_UNREACHABLE, 3)).isEqualTo(IcmpRateLimit.REFUSED);
        assertThat(net.counters().get(Mib.IcmpOutRateLimitGlobal)).isEqualTo(1);
        clock.runUntil(19_000_000L);
        assertThat(rl.globalAllow()).as("19 ms: too soon (HZ/50)").isFalse();
        clock.runUntil(20_000_000L);
        assertThat(rl.globalAllow()).isTrue();
        assertThat(rl.globalCredit()).as("1000/s for 20 ms").isEqualTo(left + 20);
        clock.runUntil(10_000_000_000L);
        // Credit left now: the allow does not refill while credit remains.
        assertThat(rl.globalCredit()).isEqualTo(left + 20);
    }

    @Test
    void theGlobalLimitHoldsManyDestinationsToAboutIcmpMsgsPerSecond() {
        // 10 errors per ms to ever new destinations (each peer's bucket full) for 2 s: the global
        // bucket lets through its burst of 50 and then about 1000 per second.
        int[] dst = {0};
        int sent = 0;
        for (long t = 0; t < 2000; t++) {
            clock.runUntil(t * 1_000_000L);
            for (int i = 0; i < 10; i++) {
                if (send4(++dst[0], Icmpv4Packet.TIME_EXCEEDED, 0)) {
                    sent++;
                }
            }
        }
        assertThat(sent).isBetween(1850, 2150);
        assertThat(net.counters().get(Mib.IcmpOutRateLimitGlobal)).isEqualTo(20_000 - sent);
        assertThat(net.counters().get(Mib.IcmpOutRateLimitHost)).isZero();
    }

    @Test
    void ipv6PerHostPeriodShrinksForWiderRoutePrefixes() {
        // tmo = 1000 >> ((128 - plen) >> 5): /128 1000 ms, /64 250 ms, /0 62 ms.
        int[][] cases = {{128, 1000}, {64, 250}, {0, 62}};
        long hi = 0x2001_0db8_0000_0000L;
        for (int[] c : cases) {
            int plen = c[0];
            long period = c[1];
            long lo = plen;
            int g0 = rl.globalAllow6(Icmpv6Packet.DEST_UNREACHABLE);
            assertThat(g0).isEqualTo(IcmpRateLimit.LIMITED_ALLOWED);
            int burst = 0;
            while (rl.hostAllow6(hi, lo, plen, false, rl.globalAllow6(Icmpv6Packet.DEST_UNREACHABLE))) {
                burst++;
            }
            assertThat(burst).as("/%d burst", plen).isEqualTo(6);
            long now = clock.now();
            clock.runUntil(now + (period - 1) * 1_000_000L);
            assertThat(rl.hostAllow6(hi, lo, plen, false, IcmpRateLimit.LIMITED_ALLOWED)).isFalse();
            clock.runUntil(now + period * 1_000_000L);
            assertThat(rl.hostAllow6(hi, lo, plen, false, IcmpRateLimit.LIMITED_ALLOWED)).as("/%d after %d ms", plen, period).isTrue();
        }
        assertThat(net.counters().get(Mib.Icmp6OutRateLimitHost)).isEqualTo(6);
    }

    @Test
    void ipv6RatemaskSparesPacketTooBigAndInformationalMessages() {
        assertThat(rl.globalAllow6(Icmpv6Packet.PACKET_TOO_BIG)).isEqualTo(IcmpRateLimit.NOT_LIMITED);
        assertThat(rl.globalAllow6(Icmpv6Packet.ECHO_REPLY)).isEqualTo(IcmpRateLimit.NOT_LIMITED);
        assertThat(rl.globalAllow6(Icmpv6Packet.TIME_EXCEEDED)).isEqualTo(IcmpRateLimit.LIMITED_ALLOWED);
        net.sysctls().set("net.ipv6.icmp.ratemask", "0-127,129");
        assertThat(rl.globalAllow6(Icmpv6Packet.ECHO_REPLY)).isEqualTo(IcmpRateLimit.LIMITED_ALLOWED);
        assertThat(rl.globalAllow6(Icmpv6Packet.PACKET_TOO_BIG)).isEqualTo(IcmpRateLimit.LIMITED_ALLOWED);
    }

    @Test
    void ipErrorAllowsFiveThenOnePerSecondPerSource() {
        int n = 0;
        while (rl.ipErrorAllow(42)) {
            n++;
        }
        assertThat(n).isEqualTo(5);
        clock.runUntil(999_000_000L);
        assertThat(rl.ipErrorAllow(42)).isFalse();
        clock.runUntil(1_000_000_000L);
        assertThat(rl.ipErrorAllow(42)).isTrue();
    }
}
