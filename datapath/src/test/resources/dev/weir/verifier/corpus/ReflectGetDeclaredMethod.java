package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// Looks up a method reflectively to call what the allow-list refuses.
public final class ReflectGetDeclaredMethod implements XdpProgram {
    public int run(XdpContext ctx) {
        return XdpContext.class.getDeclaredMethods().length;
    }
}
