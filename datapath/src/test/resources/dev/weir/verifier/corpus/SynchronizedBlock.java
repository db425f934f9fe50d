package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-locks
// A synchronized block can deadlock the stack.
public final class SynchronizedBlock implements XdpProgram {
    public int run(XdpContext ctx) {
        synchronized (ctx) {
            return ctx.len();
        }
    }
}
