package dev.weir.js;

import dev.weir.api.prog.NetfilterProgram;
import dev.weir.api.prog.NfContext;

/** A JavaScript netfilter program: {@code export function run(ctx, maps)} returning an {@code NfVerdict}. */
final class JsNetfilterProgram extends JsAdapter implements NetfilterProgram {
    JsNetfilterProgram(JsInstance js) {
        super(js);
    }

    @Override
    public int run(NfContext ctx) {
        return verdict(js.call(0, ctx), "a netfilter program returns an NfVerdict (a number: NfVerdict.ACCEPT, NfVerdict.DROP, ...)");
    }

    @Override
    int invoke(Object ctx) {
        return run((NfContext) ctx);
    }
}
