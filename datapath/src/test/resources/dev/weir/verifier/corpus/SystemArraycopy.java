package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// System.arraycopy copies without budget charges.
public final class SystemArraycopy implements XdpProgram {
    public int run(XdpContext ctx) {
        System.arraycopy(ctx.scratch(), 0, ctx.scratch(), 1, 100);
        return 2;
    }
}
