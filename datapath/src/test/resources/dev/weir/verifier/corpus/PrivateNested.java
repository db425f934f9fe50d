package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Private members shared between the program class and its nested classes (javac's nestmate
// access) keep working after the program class becomes a hidden class.
// run: 5 -> 21
public final class PrivateNested implements XdpProgram {
    private static final class Scale {
        private static int by4(int x) {
            return Offset.plus1(x * 4);
        }
    }

    private static final class Offset {
        private static int plus1(int x) {
            return x + 1;
        }
    }

    public int run(XdpContext ctx) {
        return Scale.by4(ctx.len());
    }
}
