package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// setAccessible opens private members of any class.
public final class ReflectSetAccessible implements XdpProgram {
    public int run(XdpContext ctx) {
        java.lang.reflect.Field f = null;
        f.setAccessible(true);
        return 0;
    }
}
