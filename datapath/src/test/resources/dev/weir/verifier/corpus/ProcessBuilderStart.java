package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Starts a process.
public final class ProcessBuilderStart implements XdpProgram {
    public int run(XdpContext ctx) {
        ProcessHandle.current().destroy();
        return 2;
    }
}
