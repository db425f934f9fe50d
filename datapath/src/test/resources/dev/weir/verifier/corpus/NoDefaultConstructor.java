package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// The loader instantiates programs with new Name().
public final class NoDefaultConstructor implements XdpProgram {
    public NoDefaultConstructor(int ignored) {
    }

    public int run(XdpContext ctx) {
        return 2;
    }
}
