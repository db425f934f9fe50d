package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Constants in a nested interface.
// run: 1 -> 17
public final class NestedConstants implements XdpProgram {
    interface Limits {
        int MTU = 16;
    }

    public int run(XdpContext ctx) {
        return Limits.MTU + ctx.len();
    }
}
