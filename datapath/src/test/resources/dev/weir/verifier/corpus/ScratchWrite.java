package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Temporary bytes go in the context's scratch area.
// run: 3 -> 3
public final class ScratchWrite implements XdpProgram {
    public int run(XdpContext ctx) {
        byte[] s = ctx.scratch();
        for (int i = 0; i < ctx.len(); i++) {
            s[i] = (byte) ctx.loadU8(i);
        }
        return s[0] + s[1] + s[2];
    }
}
