package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-error
// Catches Error, which the budget error is.
public final class CatchError implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return ctx.loadU8(ctx.len());
        } catch (Error e) {
            return 1;
        }
    }
}
