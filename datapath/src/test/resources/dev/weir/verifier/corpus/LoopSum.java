package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Sums the packet's bytes in a loop.
// run: 4 -> 6
// run: 0 -> 0
public final class LoopSum implements XdpProgram {
    public int run(XdpContext ctx) {
        int sum = 0;
        for (int i = 0; i < ctx.len(); i++) {
            sum += ctx.loadU8(i);
        }
        return sum;
    }
}
