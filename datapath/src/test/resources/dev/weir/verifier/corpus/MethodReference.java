package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-indy
// A method reference is invokedynamic too.
public final class MethodReference implements XdpProgram {
    public int run(XdpContext ctx) {
        java.util.function.IntBinaryOperator max = Math::max;
        return max.applyAsInt(ctx.len(), 64);
    }
}
