package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-locks
// A synchronized method takes a monitor on every packet.
public final class SynchronizedMethod implements XdpProgram {
    public synchronized int run(XdpContext ctx) {
        return 2;
    }
}
