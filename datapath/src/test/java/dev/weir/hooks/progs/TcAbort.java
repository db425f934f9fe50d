package dev.weir.hooks.progs;

import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/** tc: divides by zero on IPv4 (every such run aborts: the packet is dropped as PROG_ABORTED). */
public final class TcAbort implements TcProgram {
    @Override
    public int run(SkbContext ctx) {
        if (ctx.len() >= 14 && ctx.loadU16(12) == 0x0800) {
            return TcAction.OK / (ctx.len() - ctx.len());
        }
        return TcAction.OK;
    }
}
