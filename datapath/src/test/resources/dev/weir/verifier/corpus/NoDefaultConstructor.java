package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// The loader instantiates programs with new Name().
public final class NoDefaultConstructor implements XdpLikeProgram {
    public NoDefaultConstructor(int ignored) {
    }

    public int run(XdpLikeContext ctx) {
        return 2;
    }
}
