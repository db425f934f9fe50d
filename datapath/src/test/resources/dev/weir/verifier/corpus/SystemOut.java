package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-system
// Reads another class's static (System.out) and prints per packet.
public final class SystemOut implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        System.out.println(ctx.length());
        return 2;
    }
}
