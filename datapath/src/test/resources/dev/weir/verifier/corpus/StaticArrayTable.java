package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-mutable-static
// A static final array is still mutable: arrays are.
public final class StaticArrayTable implements XdpProgram {
    static final int[] TABLE = {1, 2, 3};

    public int run(XdpContext ctx) {
        return TABLE[ctx.len() & 1];
    }
}
