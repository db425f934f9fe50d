package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: rejected deterministic
// Math.random() is unseeded.
public final class MathRandom implements XdpProgram {
    public int run(XdpContext ctx) {
        return Math.random() < 0.5 ? 1 : 2;
    }
}
