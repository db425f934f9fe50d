package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// Autoboxing calls Integer.valueOf, which allocates.
public final class Boxing implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        Object boxed = ctx.length();
        return boxed == null ? 1 : 2;
    }
}
