package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Reads another class's static (System.out) and prints per packet.
public final class SystemOut implements XdpProgram {
    public int run(XdpContext ctx) {
        System.out.println(ctx.len());
        return 2;
    }
}
