package dev.weir.hooks.progs;

import dev.weir.api.maps.HashMap;
import dev.weir.api.maps.MapType;
import dev.weir.api.prog.MapSpec;
import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.api.prog.NfVerdict;

/** netfilter: counts packets by skb mark in pinned hash "marks" and accepts them. */
public final class NfCountMark implements NetfilterProgram {
    @MapSpec(name = "marks", type = MapType.HASH, keySize = 4, valueSize = 8, maxEntries = 16, pinned = true)
    HashMap marks;

    @Override
    public int run(NfContext ctx) {
        marks.addLong(ctx.mark() & 0xffffffffL, 1);
        return NfVerdict.ACCEPT;
    }
}
