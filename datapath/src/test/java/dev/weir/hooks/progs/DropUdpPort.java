package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.ProgramInfo;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: drops IPv4 UDP to the port in slot 0 of the pinned array "drop_port" (9 when unset), counting drops in slot 1. */
@ProgramInfo(name = "drop_udp_port", description = "drops UDP to one port at XDP")
public final class DropUdpPort implements XdpProgram {
    @MapSpec(name = "drop_port", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
    ArrayMap conf;

    @Override
    public int run(XdpContext ctx) {
        if (ctx.len() < 14 + 20 + 8 || ctx.loadU16(12) != 0x0800) {
            return XdpAction.PASS;
        }
        int ihl = (ctx.loadU8(14) & 0xf) * 4;
        if (ctx.loadU8(23) != 17 || ctx.len() < 14 + ihl + 8) {
            return XdpAction.PASS;
        }
        long port = conf.lookupLong(0, 0);
        if (port == 0) {
            port = 9;
        }
        if (ctx.loadU16(14 + ihl + 2) == port) {
            conf.addLong(1, 1);
            return XdpAction.DROP;
        }
        return XdpAction.PASS;
    }
}
