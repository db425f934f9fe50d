package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/**
 * XDP: pushes 4 bytes (0xdeadbeef) in front of the frame and grows it by 2 zero bytes at the end;
 * records the helpers' results of a push beyond the headroom (slot 0) and a trim below 14 bytes
 * (slot 1) in "adjust_rc", and prints the new length.
 */
public final class XdpAdjust implements XdpProgram {
    @MapSpec(name = "adjust_rc", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2)
    ArrayMap rc;

    @Override
    public int run(XdpContext ctx) {
        rc.updateLong(0, ctx.adjustHead(-100000), 0);
        rc.updateLong(1, ctx.adjustTail(-ctx.len()), 0);
        if (ctx.adjustHead(-4) != 0 || ctx.adjustTail(2) != 0) {
            return XdpAction.ABORTED;
        }
        ctx.storeU32(0, 0xdeadbeef);
        ctx.tracePrint("len %d", ctx.len(), 0, 0);
        return XdpAction.PASS;
    }
}
