package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-alloc
// An object per packet.
public final class NewObject implements XdpProgram {
    public int run(XdpContext ctx) {
        Object o = new Object();
        return o == ctx ? 1 : 2;
    }
}
