package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Reads system properties.
public final class SystemGetProperty implements XdpProgram {
    public int run(XdpContext ctx) {
        return System.getProperty("user.home") == null ? 1 : 2;
    }
}
