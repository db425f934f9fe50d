package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;
import dev.weir.api.wire.*;

// expect: rejected no-alloc
// An API method that allocates: a Repr record is for slow paths; programs read the reusable views.
public final class ApiAllocates implements XdpProgram {
    public int run(XdpContext ctx) {
        EthernetFrame eth = ctx.views().eth();
        if (eth.wrap(ctx.buffer(), ctx.dataOffset(), ctx.len()) != WireError.OK) {
            return XdpAction.DROP;
        }
        return EthernetRepr.parse(eth).etherType() == 0x0800 ? XdpAction.PASS : XdpAction.DROP;
    }
}
