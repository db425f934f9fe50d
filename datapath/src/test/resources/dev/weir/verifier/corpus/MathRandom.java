package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected deterministic
// Math.random() is unseeded.
public final class MathRandom implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        return Math.random() < 0.5 ? 1 : 2;
    }
}
