package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// Hands work to a thread pool.
public final class ExecutorServiceUse implements XdpProgram {
    public int run(XdpContext ctx) {
        java.util.concurrent.Executors.newSingleThreadExecutor().shutdown();
        return 2;
    }
}
