package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// The JVM's ArithmeticException ends the run as ABORTED.
// run: 10 -> aborted
// run: 20 -> 10
public final class DivideByZero implements XdpProgram {
    public int run(XdpContext ctx) {
        return 100 / (ctx.len() - 10);
    }
}
