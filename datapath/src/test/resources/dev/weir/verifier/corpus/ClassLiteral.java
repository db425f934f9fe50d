package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// A class literal is a Class object too.
public final class ClassLiteral implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        Object c = XdpLikeProgram.class;
        return c == null ? 0 : 1;
    }
}
