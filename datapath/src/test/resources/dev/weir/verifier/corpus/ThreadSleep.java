package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// Blocks the simulation thread.
public final class ThreadSleep implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            return 1;
        }
        return 2;
    }
}
