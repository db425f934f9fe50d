package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-catch-all
// finally compiles to a catch-all handler.
public final class FinallyBlock implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        int verdict = 2;
        try {
            verdict = 100 / ctx.length();
        } finally {
            ctx.tracePrint("done %d", verdict);
        }
        return verdict;
    }
}
