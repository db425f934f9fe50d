package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// getClass() hands out the context's Class object.
public final class GetClassCall implements XdpProgram {
    public int run(XdpContext ctx) {
        return ctx.getClass().getName().length();
    }
}
