package dev.weir.hooks.progs;

import dev.weir.api.maps.ArrayMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/**
 * XDP forwarding with bpf_fib_lookup (as the kernel's xdp_fwd sample): IPv4 frames with a TTL
 * above 1 are looked up; on success the MACs are rewritten, the TTL decremented (checksum
 * updated) and the frame redirected to the egress device; anything else passes to the stack.
 * Slot 0 of "fwd_last" keeps the last lookup's result code, slot 1 the egress ifindex.
 */
public final class XdpRouter implements XdpProgram {
    @MapSpec(name = "fwd_last", type = MapType.ARRAY, keySize = 4, valueSize = 8, maxEntries = 2, pinned = true)
    ArrayMap last;

    @Override
    public int run(XdpContext ctx) {
        if (ctx.len() < 34 || ctx.loadU16(12) != 0x0800 || ctx.loadU8(22) <= 1) {
            return XdpAction.PASS;
        }
        FibLookupParams p = ctx.fibParams().reset();
        p.family(FibLookupParams.AF_INET).ipv4Src(ctx.loadU32(26)).ipv4Dst(ctx.loadU32(30)).l4Protocol(ctx.loadU8(23))
                .totLen(ctx.loadU16(16)).ifindex(ctx.ingressIfindex());
        int rc = ctx.fibLookup(p, 0);
        last.updateLong(0, rc, 0);
        last.updateLong(1, p.ifindex(), 0);
        if (rc != FibLookupParams.RET_SUCCESS) {
            return XdpAction.PASS;
        }
        int ttlProto = ctx.loadU16(22);
        ctx.storeU8(22, ctx.loadU8(22) - 1);
        ctx.l3ChecksumReplace(24, ttlProto, ctx.loadU16(22), 2);
        long dmac = p.dmac();
        long smac = p.smac();
        ctx.storeU32(0, (int) (dmac >>> 16));
        ctx.storeU16(4, (int) dmac);
        ctx.storeU32(6, (int) (smac >>> 16));
        ctx.storeU16(10, (int) smac);
        return ctx.redirect(p.ifindex(), 0);
    }
}
