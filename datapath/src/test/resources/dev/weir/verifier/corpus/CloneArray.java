package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// clone() copies the array into a new one.
public final class CloneArray implements XdpProgram {
    public int run(XdpContext ctx) {
        return ctx.scratch().clone().length;
    }
}
