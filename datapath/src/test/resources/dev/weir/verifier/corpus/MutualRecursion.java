package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected no-recursion
// even/odd call each other.
public final class MutualRecursion implements XdpProgram {
    private static boolean even(int n) {
        return n == 0 || odd(n - 1);
    }

    private static boolean odd(int n) {
        return n != 0 && even(n - 1);
    }

    public int run(XdpContext ctx) {
        return even(ctx.len()) ? 1 : 2;
    }
}
