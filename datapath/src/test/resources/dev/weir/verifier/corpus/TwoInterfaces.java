package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// A program is one kind of program.
public final class TwoInterfaces implements XdpProgram, TcProgram {
    public int run(XdpContext ctx) {
        return 2;
    }

    public int run(SkbContext ctx) {
        return 0;
    }
}
