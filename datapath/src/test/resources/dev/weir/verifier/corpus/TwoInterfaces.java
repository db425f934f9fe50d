package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected program-class
// A program is one kind of program.
public final class TwoInterfaces implements XdpLikeProgram, CountLikeProgram {
    public int run(XdpLikeContext ctx) {
        return 2;
    }

    public void count(XdpLikeContext ctx) {
    }
}
