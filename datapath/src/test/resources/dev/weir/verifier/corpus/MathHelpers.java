package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Pure static helpers of Math, Integer, Long and Byte.
// run: 7 -> 12
public final class MathHelpers implements XdpProgram {
    public int run(XdpContext ctx) {
        int n = ctx.len();
        int bits = Integer.bitCount(n);
        long rotated = Long.rotateLeft(1L, n);
        return Math.max(bits, 2) + (int) Long.numberOfTrailingZeros(rotated) + Byte.toUnsignedInt((byte) 2) + Math.abs(-0);
    }
}
