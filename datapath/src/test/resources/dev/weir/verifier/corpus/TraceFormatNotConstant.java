package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected trace-format
// The format must be a literal the verifier can check, not a string computed at run time.
public final class TraceFormatNotConstant implements XdpProgram {
    public int run(XdpContext ctx) {
        ctx.tracePrint(XdpAction.name(ctx.loadU8(0)), 0, 0, 0);
        return XdpAction.PASS;
    }
}
