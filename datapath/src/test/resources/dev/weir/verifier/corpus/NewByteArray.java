package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// An array per packet; ctx.scratch() is the place for temporary bytes.
public final class NewByteArray implements XdpProgram {
    public int run(XdpContext ctx) {
        byte[] copy = new byte[ctx.len()];
        return copy.length;
    }
}
