package dev.weir.hooks.progs;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: passes everything (the cost of a program that does nothing). */
public final class XdpPass implements XdpProgram {
    @Override
    public int run(XdpContext ctx) {
        return XdpAction.PASS;
    }
}
