package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-error
// A subclass of Error.
public final class CatchStackOverflow implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return ctx.len();
        } catch (StackOverflowError e) {
            return 1;
        }
    }
}
