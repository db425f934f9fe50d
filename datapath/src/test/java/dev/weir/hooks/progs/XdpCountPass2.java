package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: as XdpCountPass, recording 2 in the run order (slot 1 of "xdp_seen"). */
public final class XdpCountPass2 implements XdpProgram {
    @MapSpec(name = "xdp_seen", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
    ArrayMap seen;

    @Override
    public int run(XdpContext ctx) {
        seen.updateLong(1, seen.lookupLong(1, 0) * 10 + 2, 0);
        return XdpAction.PASS;
    }
}
