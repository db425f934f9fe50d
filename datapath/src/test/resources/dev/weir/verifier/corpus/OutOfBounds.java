package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// Reading past the packet ends the run as ABORTED.
// run: 4 -> aborted
public final class OutOfBounds implements XdpProgram {
    public int run(XdpContext ctx) {
        return ctx.loadU8(ctx.len()) + ctx.scratch()[600];
    }
}
