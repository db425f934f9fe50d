package dev.weir.bench.progs;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** The empty XDP program: XDP_PASS. */
public final class XdpPassProg implements XdpProgram {
    @Override
    public int run(XdpContext ctx) {
        return XdpAction.PASS;
    }
}
