package dev.weir.plugins.trace;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.TracepointProgram;

/**
 * A drop monitor on {@code skb:kfree_skb} (dropwatch's view, per reason): counts every dropped
 * packet by its drop reason, and by reason and EtherType; with {@code drop_config[0] = 1} it
 * also streams each drop to user space as a 24-byte record (virtual time 8, reason 4, EtherType 4,
 * skbaddr 8) in the ring buffer {@code drop_events}.
 *
 * <h2>Maps (pinned)</h2>
 * {@code drop_reasons} (hash, key: the reason code, 4 bytes), {@code drop_protos} (hash, key
 * {@code reason << 16 | EtherType}), {@code drop_config} (array: 0 stream records),
 * {@code drop_events} (ring buffer, 64 KiB).
 */
@ProgramInfo(name = "drop_monitor", description = "counts drops by reason from skb:kfree_skb")
public final class DropMonitor implements TracepointProgram {
    @MapSpec(name = "drop_reasons", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 256, pinned = true)
    HashMap reasons;
    @MapSpec(name = "drop_protos", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 4096, pinned = true)
    HashMap protos;
    @MapSpec(name = "drop_config", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 1, pinned = true)
    ArrayMap config;
    @MapSpec(name = "drop_events", type = MapType.RINGBUF, maxEntries = 65536, pinned = true)
    RingBufMap events;

    @Override
    public void run(TraceContext ctx) {
        TraceContext.KfreeSkb k = ctx.kfreeSkb();
        if (k == null) {
            return;
        }
        int reason = k.reason();
        int proto = k.protocol() & 0xffff;
        reasons.addLong(reason & 0xffffffffL, 1);
        protos.addLong((long) (reason & 0xffff) << 16 | proto, 1);
        if (config.lookupLong(0, 0) != 0) {
            int rec = events.reserve(24);
            if (rec >= 0) {
                events.store64(rec, 0, ctx.ktimeNs());
                events.store32(rec, 8, reason);
                events.store32(rec, 12, proto);
                events.store64(rec, 16, k.skbaddr());
                events.submit(rec, 0);
            }
        }
    }
}
