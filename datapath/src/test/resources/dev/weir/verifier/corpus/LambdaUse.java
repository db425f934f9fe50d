package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-indy
// A lambda is an invokedynamic call site and an allocation.
public final class LambdaUse implements XdpProgram {
    public int run(XdpContext ctx) {
        java.util.function.IntUnaryOperator twice = x -> 2 * x;
        return twice.applyAsInt(ctx.len());
    }
}
