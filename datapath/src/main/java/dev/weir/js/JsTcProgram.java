package dev.weir.js;

import dev.weir.api.prog.SkbContext;
import dev.weir.api.prog.TcProgram;

/** A JavaScript tc program: {@code export function run(ctx, maps)} returning a {@code TcAction}. */
final class JsTcProgram extends JsAdapter implements TcProgram {
    private static final String EXPECTED = "a tc program returns a TcAction (a number: TcAction.OK, TcAction.SHOT, ...)";

    JsTcProgram(JsInstance js) {
        super(js);
    }

    @Override
    public int run(SkbContext ctx) {
        return js.callInt(0, ctx, EXPECTED);
    }

    @Override
    int invoke(Object ctx) {
        return run((SkbContext) ctx);
    }
}
