package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Constants in a nested interface.
// run: 1 -> 17
public final class NestedConstants implements XdpLikeProgram {
    interface Limits {
        int MTU = 16;
    }

    public int run(XdpLikeContext ctx) {
        return Limits.MTU + ctx.length();
    }
}
