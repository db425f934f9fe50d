package dev.weir.plugins.ratelimit;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.MapFlags;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/**
 * A token-bucket policer at tc, one bucket per IPv4 address (the source on ingress, the
 * destination on egress; all non-IPv4 traffic shares the bucket of address 0): a bucket holds
 * up to {@code burst} bytes of tokens and fills at {@code rate} bytes per second of virtual
 * time; a packet that finds at least its length in tokens takes them and goes on
 * ({@code TC_ACT_UNSPEC}), else it is dropped ({@code TC_ACT_SHOT}), as
 * {@code tc filter ... action police rate R burst B drop} does per flow.
 *
 * <h2>Maps (pinned)</h2>
 * <ul>
 *   <li>{@code rl_config}, array: 0 the rate in bytes per second (0: no limit), 1 the burst in
 *       bytes (at most 1 GB).
 *   <li>{@code rl_buckets}, LRU hash of 65536, key the IPv4 address, value 16 bytes: the tokens
 *       (bytes) and the virtual time they were counted at. A new address starts full.
 *   <li>{@code rl_stats}, array: 0 packets passed, 1 packets dropped, 2 bytes dropped.
 * </ul>
 */
@ProgramInfo(name = "token_bucket", description = "a token-bucket policer per IPv4 address")
public final class TokenBucket implements TcProgram {
    static final long NS = 1_000_000_000L;

    @MapSpec(name = "rl_config", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
    ArrayMap config;
    @MapSpec(name = "rl_buckets", type = MapType.LRU_HASH, keySize = 4, valueSize = 16, maxEntries = 65536, pinned = true)
    HashMap buckets;
    @MapSpec(name = "rl_stats", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 3, pinned = true)
    ArrayMap stats;

    @Override
    public int run(SkbContext ctx) {
        long rate = config.lookupLong(0, 0);
        if (rate <= 0) {
            return TcAction.UNSPEC;
        }
        long burst = Math.min(Math.max(config.lookupLong(1, 0), 1), 1L << 30);
        long addr = 0;
        if (ctx.protocol() == 0x0800 && ctx.len() >= 14 + 20) {
            addr = ctx.loadU32(ctx.isIngress() ? 26 : 30) & 0xffffffffL;
        }
        long now = ctx.ktimeNs();
        byte[] s = ctx.scratch();
        long tokens;
        if (buckets.lookup(addr, s, 0) == MapError.OK) {
            tokens = get(s, 0);
            long elapsed = now - get(s, 8);
            // Full after burst/rate seconds: cap the elapsed time there so elapsed * rate cannot overflow.
            long fill = burst * NS / rate + 1;
            tokens = elapsed >= fill ? burst : Math.min(burst, tokens + elapsed * rate / NS);
        } else {
            tokens = burst;
        }
        int len = ctx.len();
        int verdict;
        if (tokens >= len) {
            tokens -= len;
            stats.addLong(0, 1);
            verdict = TcAction.UNSPEC;
        } else {
            stats.addLong(1, 1);
            stats.addLong(2, len);
            verdict = TcAction.SHOT;
        }
        put(s, 0, tokens);
        put(s, 8, now);
        buckets.update(addr, s, 0, MapFlags.ANY);
        return verdict;
    }

    private static long get(byte[] s, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (s[at + i] & 0xff);
        }
        return v;
    }

    private static void put(byte[] s, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            s[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
