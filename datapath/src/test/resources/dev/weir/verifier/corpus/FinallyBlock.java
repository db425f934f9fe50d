package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-all
// finally compiles to a catch-all handler.
public final class FinallyBlock implements XdpProgram {
    public int run(XdpContext ctx) {
        int verdict = 2;
        try {
            verdict = 100 / ctx.len();
        } finally {
            ctx.tracePrint("done %d", verdict, 0, 0);
        }
        return verdict;
    }
}
