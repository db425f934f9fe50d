package dev.weir.js;

import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;

/** A JavaScript netfilter program: {@code export function run(ctx, maps)} returning an {@code NfVerdict}. */
final class JsNetfilterProgram extends JsAdapter implements NetfilterProgram {
    private static final String EXPECTED = "a netfilter program returns an NfVerdict (a number: NfVerdict.ACCEPT, NfVerdict.DROP, ...)";

    JsNetfilterProgram(JsInstance js) {
        super(js);
    }

    @Override
    public int run(NfContext ctx) {
        return js.callInt(0, ctx, EXPECTED);
    }

    @Override
    int invoke(Object ctx) {
        return run((NfContext) ctx);
    }
}
