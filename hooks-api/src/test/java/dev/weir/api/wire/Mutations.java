package dev.weir.api.wire;

import java.util.Arrays;
import java.util.Random;

/** Seeded damage to valid packets, for the never-throw properties. */
final class Mutations {
    private Mutations() {}

    /**
     * A copy of {@code valid} with one to four bytes replaced by random values, and in one case of
     * three cut short at a random length. Deterministic for a seed.
     */
    static byte[] mutate(byte[] valid, long seed) {
        Random r = new Random(seed);
        byte[] b = valid.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        if (r.nextInt(3) == 0) {
            b = Arrays.copyOf(b, r.nextInt(b.length + 1));
        }
        return b;
    }
}
