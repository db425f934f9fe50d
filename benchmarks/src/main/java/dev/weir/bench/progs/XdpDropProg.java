package dev.weir.bench.progs;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP_DROP for every frame: the DDoS filter's fast path. */
public final class XdpDropProg implements XdpProgram {
    @Override
    public int run(XdpContext ctx) {
        return XdpAction.DROP;
    }
}
