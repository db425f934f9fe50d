package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-reflection
// Class.forName reaches any class by name, e.g. java.lang.Runtime.
public final class ReflectForName implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return Class.forName("java.lang.Runtime").getModifiers();
        } catch (ClassNotFoundException e) {
            return 1;
        }
    }
}
