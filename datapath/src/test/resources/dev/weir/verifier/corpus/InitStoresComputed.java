package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-field-write
// A constructor may store constants only; this value is computed.
public final class InitStoresComputed implements XdpProgram {
    private final long mask = Long.rotateLeft(1L, 7);

    public int run(XdpContext ctx) {
        return (int) (ctx.len() & mask);
    }
}
