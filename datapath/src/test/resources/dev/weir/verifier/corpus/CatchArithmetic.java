package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Catching an expected runtime exception is allowed.
// run: 0 -> -1
// run: 4 -> 25
public final class CatchArithmetic implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return 100 / ctx.len();
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
