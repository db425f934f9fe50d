package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// 10^9 iterations of three nested loops.
// run: 1000 -> aborted
// run: 3 -> 27
public final class NestedLoops implements XdpProgram {
    public int run(XdpContext ctx) {
        int n = ctx.len();
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    count++;
                }
            }
        }
        return count;
    }
}
