package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-locks
// Parks the simulation thread.
public final class LockSupportPark implements XdpProgram {
    public int run(XdpContext ctx) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        return 2;
    }
}
