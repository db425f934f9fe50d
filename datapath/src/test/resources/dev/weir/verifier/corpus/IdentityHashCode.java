package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected deterministic
// An object's identity hash code differs between runs.
public final class IdentityHashCode implements XdpProgram {
    public int run(XdpContext ctx) {
        return ctx.hashCode() & 1;
    }
}
