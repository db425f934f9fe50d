package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Ends the whole JVM.
public final class SystemExit implements XdpProgram {
    public int run(XdpContext ctx) {
        System.exit(1);
        return 2;
    }
}
