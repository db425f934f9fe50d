package dev.weir.js;

import dev.weir.api.prog.XdpContext;
import dev.weir.api.prog.XdpProgram;

/** A JavaScript XDP program: {@code export function run(ctx, maps)} returning an {@code XdpAction}. */
final class JsXdpProgram extends JsAdapter implements XdpProgram {
    private static final String EXPECTED = "an xdp program returns an XdpAction (a number: XdpAction.PASS, XdpAction.DROP, ...)";

    JsXdpProgram(JsInstance js) {
        super(js);
    }

    @Override
    public int run(XdpContext ctx) {
        return js.callInt(0, ctx, EXPECTED);
    }

    @Override
    int invoke(Object ctx) {
        return run((XdpContext) ctx);
    }
}
