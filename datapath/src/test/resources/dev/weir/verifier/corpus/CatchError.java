package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-error
// Catches Error, which the budget error is.
public final class CatchError implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        try {
            return ctx.loadByte(ctx.length());
        } catch (Error e) {
            return 1;
        }
    }
}
