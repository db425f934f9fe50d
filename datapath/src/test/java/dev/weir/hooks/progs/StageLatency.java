package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProbeContext;
import dev.weir.api.prog.ProbeProgram;

/**
 * A stage probe for entry and exit: at entry remembers the skb (by skbaddr) with the packet's
 * length; at exit counts the call in slot 0 of "probe_calls", adds the return value to slot 1
 * and, when the entry was seen, counts a pair in slot 2.
 */
public final class StageLatency implements ProbeProgram {
    @MapSpec(name = "probe_inflight", type = MapType.HASH, keySize = 8, valueSize = 8, maxEntries = 1024, pinned = true)
    HashMap inflight;
    @MapSpec(name = "probe_calls", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 4, pinned = true)
    ArrayMap calls;

    @Override
    public void run(ProbeContext ctx) {
        if (!ctx.isExit()) {
            inflight.updateLong(ctx.skbaddr(), ctx.len(), 0);
            calls.addLong(3, ctx.len() > 0 ? 1 : 0);
            return;
        }
        calls.addLong(0, 1);
        calls.addLong(1, ctx.returnValue());
        if (inflight.deleteLong(ctx.skbaddr()) == 0) {
            calls.addLong(2, 1);
        }
    }
}
