package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-recursion
// Unbounded stack depth.
public final class DirectRecursion implements XdpProgram {
    private int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    public int run(XdpContext ctx) {
        return depth(ctx.len());
    }
}
