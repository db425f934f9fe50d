package dev.weir.hooks.progs;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: IPv4 frames go to the device in slot 0 of the pinned device map "tx_port"; others pass. */
public final class XdpRedirectMap implements XdpProgram {
    @MapSpec(name = "tx_port", type = MapType.DEVMAP, keySize = 4, valueSize = 4, maxEntries = 4, pinned = true)
    DevMap txPort;

    @Override
    public int run(XdpContext ctx) {
        if (ctx.len() < 14 || ctx.loadU16(12) != 0x0800) {
            return XdpAction.PASS;
        }
        return ctx.redirectMap(txPort, 0, XdpAction.PASS);
    }
}
