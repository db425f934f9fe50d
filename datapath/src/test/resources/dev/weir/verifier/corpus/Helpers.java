package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Private helpers and a static nested helper class.
// run: 3 -> 26
public final class Helpers implements XdpProgram {
    static final class Bits {
        static int low(int x) {
            return x & 0xF;
        }
    }

    private static int square(int x) {
        return x * x;
    }

    private int plusOne(int x) {
        return x + 1;
    }

    public int run(XdpContext ctx) {
        return plusOne(square(Bits.low(ctx.len()) + 2)) + 0;
    }
}
