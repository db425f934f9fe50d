package dev.weir.js;

import dev.weir.api.prog.ProbeContext;
import dev.weir.api.prog.ProbeProgram;

/** A JavaScript stage probe: {@code export function run(ctx, maps)}; its result is ignored. */
final class JsProbeProgram extends JsAdapter implements ProbeProgram {
    JsProbeProgram(JsInstance js) {
        super(js);
    }

    @Override
    public void run(ProbeContext ctx) {
        js.callVoid(0, ctx);
    }

    @Override
    int invoke(Object ctx) {
        run((ProbeContext) ctx);
        return 0;
    }
}
