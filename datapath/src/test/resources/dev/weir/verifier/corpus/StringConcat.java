package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-indy
// '+' on strings is invokedynamic (StringConcatFactory) and builds a String per packet.
public final class StringConcat implements XdpProgram {
    public int run(XdpContext ctx) {
        ctx.tracePrint("length " + ctx.len(), 0, 0, 0);
        return 2;
    }
}
