package dev.weir.hooks.progs;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.TracepointProgram;

/** skb:kfree_skb: counts drops by reason code in pinned hash "drops". */
public final class DropsByReason implements TracepointProgram {
    @MapSpec(name = "drops", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 128, pinned = true)
    HashMap drops;

    @Override
    public void run(TraceContext ctx) {
        TraceContext.KfreeSkb k = ctx.kfreeSkb();
        if (k != null) {
            drops.addLong(k.reason(), 1);
        }
    }
}
