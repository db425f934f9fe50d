package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// A varargs call builds an array.
public final class Varargs implements XdpProgram {
    private static int sum(int... values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    public int run(XdpContext ctx) {
        return sum(1, 2, ctx.len());
    }
}
