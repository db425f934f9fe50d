package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// Reading past the packet ends the run as ABORTED.
// run: 4 -> aborted
public final class OutOfBounds implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        return ctx.loadByte(ctx.length()) + ctx.scratch()[600];
    }
}
