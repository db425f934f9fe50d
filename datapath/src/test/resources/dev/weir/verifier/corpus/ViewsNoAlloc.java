package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;
import dev.weir.api.wire.*;

// expect: accepted
// Reads the frame through the context's reusable wire views: nothing allocated.
// run: 14 -> 1
public final class ViewsNoAlloc implements XdpProgram {
    public int run(XdpContext ctx) {
        EthernetFrame eth = ctx.views().eth();
        if (eth.wrap(ctx.buffer(), ctx.dataOffset(), ctx.len()) != WireError.OK) {
            return XdpAction.ABORTED;
        }
        return eth.etherType() == 0x0800 ? XdpAction.PASS : XdpAction.DROP;
    }
}
