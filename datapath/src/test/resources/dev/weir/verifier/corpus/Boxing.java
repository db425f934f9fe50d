package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// Autoboxing calls Integer.valueOf, which allocates.
public final class Boxing implements XdpProgram {
    public int run(XdpContext ctx) {
        Object boxed = ctx.len();
        return boxed == null ? 1 : 2;
    }
}
