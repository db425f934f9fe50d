package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.TracepointProgram;

/**
 * Any tracepoint: counts events per tracepoint (slot = ordinal) in pinned array "tp_count", and
 * keeps in "tp_last" one field of the last event of some (netif_receive_skb: len; net_dev_xmit:
 * len; napi_poll: work; neigh_update: new state; xdp_exception: act).
 */
public final class CountEvents implements TracepointProgram {
    @MapSpec(name = "tp_count", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 16, pinned = true)
    ArrayMap count;
    @MapSpec(name = "tp_last", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 16, pinned = true)
    ArrayMap last;

    @Override
    public void run(TraceContext ctx) {
        int i = ctx.tracepoint().ordinal();
        count.addLong(i, 1);
        if (ctx.netifReceiveSkb() != null) {
            last.updateLong(i, ctx.netifReceiveSkb().len(), 0);
        } else if (ctx.netDevXmit() != null) {
            last.updateLong(i, ctx.netDevXmit().len(), 0);
        } else if (ctx.napiPoll() != null) {
            last.updateLong(i, ctx.napiPoll().work(), 0);
        } else if (ctx.neighUpdate() != null) {
            last.updateLong(i, ctx.neighUpdate().newState(), 0);
        } else if (ctx.xdpException() != null) {
            last.updateLong(i, ctx.xdpException().act(), 0);
        }
    }
}
