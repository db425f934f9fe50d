package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-unsafe
// sun.misc.Unsafe reads and writes raw memory.
public final class UnsafeAccess implements XdpProgram {
    @SuppressWarnings("removal")
    public int run(XdpContext ctx) {
        return sun.misc.Unsafe.getUnsafe().addressSize();
    }
}
