package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Runs a process on the host.
public final class RuntimeExec implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            Runtime.getRuntime().exec(new String[] {"rm", "-rf", "/"});
        } catch (java.io.IOException e) {
            return 1;
        }
        return 2;
    }
}
