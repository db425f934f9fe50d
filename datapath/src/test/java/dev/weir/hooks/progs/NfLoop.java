package dev.weir.hooks.progs;

import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;
import dev.weir.api.prog.NfVerdict;

/** netfilter: loops until the budget runs out on ICMP (every such run aborts); accepts the rest. */
public final class NfLoop implements NetfilterProgram {
    @Override
    public int run(NfContext ctx) {
        if (ctx.len() < 20 || ctx.loadU8(9) != 1) {
            return NfVerdict.ACCEPT;
        }
        long x = 0;
        while (x >= 0) {
            x++;
        }
        return (int) x;
    }
}
