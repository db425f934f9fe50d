package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected deterministic
// The wall clock again.
public final class CurrentTimeMillis implements XdpProgram {
    public int run(XdpContext ctx) {
        return System.currentTimeMillis() % 2 == 0 ? 1 : 2;
    }
}
