package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-class-loading
// Loads an arbitrary class.
public final class ClassLoaderLoad implements XdpProgram {
    public int run(XdpContext ctx) {
        try {
            return ClassLoader.getSystemClassLoader().loadClass("java.lang.Runtime").getModifiers();
        } catch (ClassNotFoundException e) {
            return 1;
        }
    }
}
