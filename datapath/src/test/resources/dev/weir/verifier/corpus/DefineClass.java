package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-class-loading
// A nested ClassLoader subclass defines classes from bytes.
public final class DefineClass implements XdpProgram {
    static final class Definer extends ClassLoader {
        Class<?> define(byte[] b) {
            return defineClass(null, b, 0, b.length);
        }
    }

    public int run(XdpContext ctx) {
        return 2;
    }
}
