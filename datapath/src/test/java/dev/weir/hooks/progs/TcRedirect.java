package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/** tc: IPv4 to the egress of the device in slot 0 of pinned array "tc_target" (an ifindex); others go on. */
public final class TcRedirect implements TcProgram {
    @MapSpec(name = "tc_target", type = MapType.ARRAY, keySize = 4, valueSize = 4, maxEntries = 1, pinned = true)
    ArrayMap target;

    @Override
    public int run(SkbContext ctx) {
        if (ctx.len() < 14 || ctx.loadU16(12) != 0x0800) {
            return TcAction.UNSPEC;
        }
        return ctx.redirect((int) target.lookupLong(0, 0), 0);
    }
}
