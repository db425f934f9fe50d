package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// notify() coordinates threads.
public final class ObjectNotify implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        ctx.notifyAll();
        return 2;
    }
}
