package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// wait() blocks (and throws without the monitor).
public final class ObjectWait implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            ctx.wait();
        } catch (InterruptedException e) {
            return 1;
        }
        return 2;
    }
}
