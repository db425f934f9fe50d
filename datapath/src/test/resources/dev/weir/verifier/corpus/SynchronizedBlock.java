package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-locks
// A synchronized block can deadlock the stack.
public final class SynchronizedBlock implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        synchronized (ctx) {
            return ctx.length();
        }
    }
}
