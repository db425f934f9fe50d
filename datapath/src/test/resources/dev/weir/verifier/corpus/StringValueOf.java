package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// A JDK method that allocates.
public final class StringValueOf implements XdpProgram {
    public int run(XdpContext ctx) {
        ctx.tracePrint(String.valueOf(ctx.len()), 0, 0, 0);
        return 2;
    }
}
