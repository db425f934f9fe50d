package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-recursion
// Calls itself through its program interface instead of by its own name.
public final class RecursionThroughInterface implements XdpProgram {
    public int run(XdpContext ctx) {
        XdpProgram self = this;
        return ctx.len() > 1000 ? 2 : self.run(ctx);
    }
}
