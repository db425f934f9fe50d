package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// notify() coordinates threads.
public final class ObjectNotify implements XdpProgram {
    public int run(XdpContext ctx) {
        ctx.notifyAll();
        return 2;
    }
}
