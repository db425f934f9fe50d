package dev.weir.hooks.progs;

import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcAction;
import dev.weir.api.prog.TcProgram;

/**
 * tc: grows the packet by 4 zero bytes at the end (changeTail), then inserts 8 bytes after the
 * IPv4 header (adjustRoom NET) and writes 0x11 into the first of them; drops a packet shorter
 * than 34 bytes.
 */
public final class TcReshape implements TcProgram {
    @Override
    public int run(SkbContext ctx) {
        if (ctx.len() < 34) {
            return TcAction.SHOT;
        }
        if (ctx.changeTail(ctx.len() + 4, 0) != 0 || ctx.adjustRoom(8, SkbContext.ADJ_ROOM_NET, 0) != 0) {
            return TcAction.SHOT;
        }
        ctx.storeU8(14 + 20, 0x11);
        return TcAction.OK;
    }
}
