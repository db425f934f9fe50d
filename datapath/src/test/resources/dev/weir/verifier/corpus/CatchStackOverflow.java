package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-error
// A subclass of Error.
public final class CatchStackOverflow implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        try {
            return ctx.length();
        } catch (StackOverflowError e) {
            return 1;
        }
    }
}
