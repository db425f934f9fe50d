package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Reads the environment.
public final class SystemGetenv implements XdpProgram {
    public int run(XdpContext ctx) {
        return System.getenv("HOME") == null ? 1 : 2;
    }
}
