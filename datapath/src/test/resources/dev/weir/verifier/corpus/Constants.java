package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// static final primitives and Strings; a String constant as a trace format.
// run: 5 -> 3
public final class Constants implements XdpProgram {
    static final int PASS = 3;
    static final long MASK = 0xFFFF_FFFFL;
    static final String FORMAT = "len %d";
    private final int unused = 42;

    public int run(XdpContext ctx) {
        ctx.tracePrint(FORMAT, ctx.len() & MASK, 0, 0);
        return PASS;
    }
}
