package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: contained
// Loops forever on long packets: accepted, and ended by the instruction budget.
// run: 200 -> aborted
// run: 10 -> 2
public final class EndlessLoop implements XdpProgram {
    public int run(XdpContext ctx) {
        if (ctx.len() > 100) {
            while (true) {
            }
        }
        return 2;
    }
}
