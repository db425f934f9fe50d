package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/**
 * XDP: counts its runs in slot 0 of "tail_count", then tail-calls slot (frame byte 0) of the
 * program array "jmp"; when the call fails it stores the error in slot 1 and passes.
 */
public final class XdpTailCaller implements XdpProgram {
    @MapSpec(name = "jmp", type = MapType.PROG_ARRAY, keySize = 4, valueSize = 4, maxEntries = 4, pinned = true)
    ProgramArrayMap jmp;
    @MapSpec(name = "tail_count", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
    ArrayMap count;

    @Override
    public int run(XdpContext ctx) {
        count.addLong(0, 1);
        int rc = ctx.tailCall(jmp, ctx.loadU8(0));
        count.updateLong(1, rc, 0);
        return XdpAction.PASS;
    }
}
