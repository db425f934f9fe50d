package dev.weir.hooks.progs;

import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** XDP: bounces IPv4 UDP back to its sender (MACs, addresses and ports swapped: checksums stay valid) with XDP_TX. */
public final class XdpReflect implements XdpProgram {
    @Override
    public int run(XdpContext ctx) {
        if (ctx.len() < 14 + 20 + 8 || ctx.loadU16(12) != 0x0800 || ctx.loadU8(23) != 17) {
            return XdpAction.PASS;
        }
        int ihl = (ctx.loadU8(14) & 0xf) * 4;
        long dmac = (long) ctx.loadU32(0) << 16 | ctx.loadU16(4);
        long smac = (long) ctx.loadU32(6) << 16 | ctx.loadU16(10);
        ctx.storeU32(0, (int) (smac >>> 16));
        ctx.storeU16(4, (int) smac);
        ctx.storeU32(6, (int) (dmac >>> 16));
        ctx.storeU16(10, (int) dmac);
        int src = ctx.loadU32(26);
        ctx.storeU32(26, ctx.loadU32(30));
        ctx.storeU32(30, src);
        int sport = ctx.loadU16(14 + ihl);
        ctx.storeU16(14 + ihl, ctx.loadU16(14 + ihl + 2));
        ctx.storeU16(14 + ihl + 2, sport);
        return XdpAction.TX;
    }
}
