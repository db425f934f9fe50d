package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// Starts a thread that outlives the packet.
public final class ThreadStart implements XdpProgram {
    public int run(XdpContext ctx) {
        Thread t = new Thread();
        t.start();
        return 2;
    }
}
