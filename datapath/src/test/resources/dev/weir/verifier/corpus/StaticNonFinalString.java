package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-mutable-static
// A non-final static String can be reassigned.
public final class StaticNonFinalString implements XdpProgram {
    static String last = "none";

    public int run(XdpContext ctx) {
        return last.isEmpty() ? 1 : 2;
    }
}
