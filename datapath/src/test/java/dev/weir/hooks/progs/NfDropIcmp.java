package dev.weir.hooks.progs;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.api.prog.NfVerdict;

/** netfilter: drops IPv4 ICMP, counting by source address in pinned hash "icmp_src"; accepts the rest. */
public final class NfDropIcmp implements NetfilterProgram {
    @MapSpec(name = "icmp_src", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 64, pinned = true)
    HashMap bySrc;

    @Override
    public int run(NfContext ctx) {
        if (ctx.len() < 20 || ctx.loadU8(9) != 1) {
            return NfVerdict.ACCEPT;
        }
        bySrc.addLong(ctx.loadU32(12) & 0xffffffffL, 1);
        return NfVerdict.DROP;
    }
}
