package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected deterministic
// java.util.Random is unseeded (and allocates).
public final class JavaUtilRandom implements XdpProgram {
    public int run(XdpContext ctx) {
        return new java.util.Random().nextInt(2);
    }
}
