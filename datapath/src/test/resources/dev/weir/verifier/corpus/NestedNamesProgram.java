package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected nested-class
// A nested class calls back into the program class, which is hidden and has no name at run time.
public final class NestedNamesProgram implements XdpProgram {
    static int twice(int x) {
        return 2 * x;
    }

    static final class Helper {
        static int four(int x) {
            return twice(twice(x));
        }
    }

    public int run(XdpContext ctx) {
        return Helper.four(ctx.len());
    }
}
