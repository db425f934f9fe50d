package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// A class literal is a Class object too.
public final class ClassLiteral implements XdpProgram {
    public int run(XdpContext ctx) {
        Object c = XdpProgram.class;
        return c == null ? 0 : 1;
    }
}
