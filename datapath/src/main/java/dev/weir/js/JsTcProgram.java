package dev.weir.js;

import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcProgram;

/** A JavaScript tc program: {@code export function run(ctx, maps)} returning a {@code TcAction}. */
final class JsTcProgram extends JsAdapter implements TcProgram {
    JsTcProgram(JsInstance js) {
        super(js);
    }

    @Override
    public int run(SkbContext ctx) {
        return verdict(js.call(0, ctx), "a tc program returns a TcAction (a number: TcAction.OK, TcAction.SHOT, ...)");
    }

    @Override
    int invoke(Object ctx) {
        return run((SkbContext) ctx);
    }
}
