package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// The JVM's ArithmeticException ends the run as ABORTED.
// run: 10 -> aborted
// run: 20 -> 10
public final class DivideByZero implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        return 100 / (ctx.length() - 10);
    }
}
