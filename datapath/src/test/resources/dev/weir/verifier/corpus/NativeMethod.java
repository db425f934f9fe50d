package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-native
// Native code escapes every check.
public final class NativeMethod implements XdpProgram {
    private native int peek(long address);

    public int run(XdpContext ctx) {
        return peek(0L);
    }
}
