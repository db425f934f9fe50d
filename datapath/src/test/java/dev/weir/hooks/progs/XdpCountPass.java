package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: counts frames in slot 0 of pinned array "xdp_seen" and passes them; slot 1 records the order programs ran (times 10 plus 1). */
public final class XdpCountPass implements XdpProgram {
    @MapSpec(name = "xdp_seen", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
    ArrayMap seen;

    @Override
    public int run(XdpContext ctx) {
        seen.addLong(0, 1);
        seen.updateLong(1, seen.lookupLong(1, 0) * 10 + 1, 0);
        return XdpAction.PASS;
    }
}
