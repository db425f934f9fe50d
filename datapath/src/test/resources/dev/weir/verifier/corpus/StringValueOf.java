package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// A JDK method that allocates.
public final class StringValueOf implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        ctx.tracePrint(String.valueOf(ctx.length()), 0);
        return 2;
    }
}
