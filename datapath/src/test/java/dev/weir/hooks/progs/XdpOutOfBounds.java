package dev.weir.hooks.progs;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: reads past the end of every frame (a bug): every run aborts. */
public final class XdpOutOfBounds implements XdpProgram {
    @Override
    public int run(XdpContext ctx) {
        return ctx.loadU8(ctx.len()) == 0 ? XdpAction.PASS : XdpAction.DROP;
    }
}
