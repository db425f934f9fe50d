package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-method-handles
// A lookup finds and calls any method, around the allow-list.
public final class MethodHandleLookup implements XdpProgram {
    public int run(XdpContext ctx) {
        return java.lang.invoke.MethodHandles.lookup().lookupModes();
    }
}
