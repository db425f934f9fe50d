package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// setAccessible opens private members of any class.
public final class ReflectSetAccessible implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        java.lang.reflect.Field f = null;
        f.setAccessible(true);
        return 0;
    }
}
