package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// Rethrowing a caught exception allocates nothing and ends the run.
// run: 0 -> aborted
// run: 50 -> 2
public final class RethrowCaught implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return 100 / ctx.len();
        } catch (ArithmeticException e) {
            throw e;
        }
    }
}
