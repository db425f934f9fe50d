package dev.example;

import dev.weir.api.maps.*;
import dev.weir.api.prog.*;

// expect: accepted
// Pure static helpers of Math, Integer, Long and Byte.
// run: 7 -> 12
public final class MathHelpers implements XdpLikeProgram {
    public int run(XdpLikeContext ctx) {
        int n = ctx.length();
        int bits = Integer.bitCount(n);
        long rotated = Long.rotateLeft(1L, n);
        return Math.max(bits, 2) + (int) Long.numberOfTrailingZeros(rotated) + Byte.toUnsignedInt((byte) 2) + Math.abs(-0);
    }
}
