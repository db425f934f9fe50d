package dev.weir.hooks.progs;

import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/** tc: drops IPv4 UDP to port 9 (TC_ACT_SHOT), marks other IPv4 packets with 7, no opinion on the rest. */
public final class TcDropUdpPort implements TcProgram {
    @Override
    public int run(SkbContext ctx) {
        if (ctx.len() < 14 + 20 + 8 || ctx.loadU16(12) != 0x0800) {
            return TcAction.UNSPEC;
        }
        int ihl = (ctx.loadU8(14) & 0xf) * 4;
        if (ctx.loadU8(23) == 17 && ctx.loadU16(14 + ihl + 2) == 9) {
            return TcAction.SHOT;
        }
        ctx.setMark(7);
        return TcAction.OK;
    }
}
