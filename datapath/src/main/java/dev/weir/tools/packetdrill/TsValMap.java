package dev.weir.tools.packetdrill;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * TCP timestamps between script and stack (packetdrill's {@code run_packet.c}). The stack's
 * clock is its own, so an outbound {@code TS val X} in a script names whatever value the stack
 * sent in that segment: {@link #outbound} remembers the pair, and reports the stack's value in
 * script terms by its distance from the first pair (which {@link Timing#tsValOnTime} then checks
 * only when {@code --tcp_ts_tick_usecs} is set). An inbound segment's {@code ecr Y} must echo a
 * value the stack really sent: {@link #inboundEcr} maps Y to the live value recorded for it, or,
 * with {@code --tcp_ts_ecr_scaled}, interpolates from the first pair. The inbound {@code TS val}
 * is sent as written, the remote clock being the script's. ECR mapping applies to segments with
 * ACK set; a SYN's ecr (normally 0) is sent as written.
 */
public final class TsValMap {
    private static final long MASK = 0xffff_ffffL;

    private final Map<Long, Long> scriptToLive = new HashMap<>();
    private boolean haveFirst;
    private long firstScript;
    private long firstLive;

    /**
     * Records an outbound segment's timestamp (script {@code val}, the stack's {@code live}) and
     * returns the stack's value in script terms: first script value + (live - first live).
     */
    public long outbound(long scriptVal, long liveVal) {
        scriptToLive.put(scriptVal & MASK, liveVal & MASK);
        if (!haveFirst) {
            haveFirst = true;
            firstScript = scriptVal & MASK;
            firstLive = liveVal & MASK;
        }
        return (firstScript + (liveVal - firstLive)) & MASK;
    }

    /**
     * The live echo for a scripted inbound {@code ecr}: the live value sent when the script said
     * {@code val == scriptEcr}; else, when {@code scaled}, the first pair's offset applied; else
     * empty: packetdrill's "unable to infer live TS ecr for script TS ecr N; no matching or
     * preceding outbound TS val".
     */
    public OptionalLong inboundEcr(long scriptEcr, boolean scaled) {
        Long live = scriptToLive.get(scriptEcr & MASK);
        if (live != null) {
            return OptionalLong.of(live);
        }
        if (scaled && haveFirst) {
            return OptionalLong.of((scriptEcr - firstScript + firstLive) & MASK);
        }
        return OptionalLong.empty();
    }
}
