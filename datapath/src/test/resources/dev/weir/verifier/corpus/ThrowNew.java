package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// Throwing deliberately allocates the exception.
public final class ThrowNew implements XdpProgram {
    public int run(XdpContext ctx) {
        if (ctx.len() < 14) {
            throw new IllegalStateException("runt");
        }
        return 2;
    }
}
