package dev.weir.bench.progs;

import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/** The empty tc program: TC_ACT_UNSPEC (no opinion; the next program runs). */
public final class TcPassProg implements TcProgram {
    @Override
    public int run(SkbContext ctx) {
        return TcAction.UNSPEC;
    }
}
