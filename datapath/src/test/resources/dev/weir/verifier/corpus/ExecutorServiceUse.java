package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-threads
// Hands work to a thread pool.
public final class ExecutorServiceUse implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        java.util.concurrent.Executors.newSingleThreadExecutor().shutdown();
        return 2;
    }
}
