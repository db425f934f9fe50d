package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Catching an expected runtime exception is allowed.
// run: 0 -> -1
// run: 4 -> 25
public final class CatchArithmetic implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        try {
            return 100 / ctx.length();
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
