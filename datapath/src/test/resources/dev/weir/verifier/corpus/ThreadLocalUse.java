package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// A ThreadLocal is hidden per-thread state.
public final class ThreadLocalUse implements XdpProgram {
    public int run(XdpContext ctx) {
        ThreadLocal<Object> local = new ThreadLocal<>();
        return local.get() == null ? 1 : 2;
    }
}
