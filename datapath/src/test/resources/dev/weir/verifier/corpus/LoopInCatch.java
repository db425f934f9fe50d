package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// Catches an exception it expects, then loops forever in the handler: the budget still ends it.
// run: 0 -> aborted
// run: 5 -> 20
public final class LoopInCatch implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return 100 / ctx.len();
        } catch (ArithmeticException e) {
            int n = 0;
            while (n >= 0) {
                n = (n + 1) & 0xFFFF;
            }
            return n;
        }
    }
}
