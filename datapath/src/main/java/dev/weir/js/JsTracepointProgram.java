package dev.weir.js;

import dev.weir.api.prog.TraceContext;
import dev.weir.api.prog.TracepointProgram;

/** A JavaScript tracepoint program: {@code export function run(ctx, maps)}; its result is ignored. */
final class JsTracepointProgram extends JsAdapter implements TracepointProgram {
    JsTracepointProgram(JsInstance js) {
        super(js);
    }

    @Override
    public void run(TraceContext ctx) {
        js.callVoid(0, ctx);
    }

    @Override
    int invoke(Object ctx) {
        run((TraceContext) ctx);
        return 0;
    }
}
