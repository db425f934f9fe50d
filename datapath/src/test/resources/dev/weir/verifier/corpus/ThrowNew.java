package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// Throwing deliberately allocates the exception.
public final class ThrowNew implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        if (ctx.length() < 14) {
            throw new IllegalStateException("runt");
        }
        return 2;
    }
}
