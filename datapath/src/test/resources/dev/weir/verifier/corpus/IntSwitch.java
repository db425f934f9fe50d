package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// tableswitch and lookupswitch over ints.
// run: 2 -> 20
// run: 1000 -> 7
// run: 9 -> 0
public final class IntSwitch implements XdpProgram {
    public int run(XdpContext ctx) {
        int dense = switch (ctx.len()) {
            case 1 -> 10;
            case 2 -> 20;
            case 3 -> 30;
            default -> 0;
        };
        switch (ctx.len()) {
            case 1000:
                return 7;
            case 50000:
                return 8;
            default:
                return dense;
        }
    }
}
