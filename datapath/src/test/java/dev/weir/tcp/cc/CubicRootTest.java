package dev.weir.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * cubic_root (tcp_cubic.c): a 64-entry table of cube roots of the leading bits and one
 * Newton-Raphson step. Checked value for value against the independent Python transcription
 * ({@code cubic_roots.txt}, which also lists the exact floor(cbrt(a))), and for accuracy against
 * exact cube roots.
 */
class CubicRootTest {
    @Test
    void equalsTheReferenceTranscriptionAndStaysCloseToExactRoots() throws IOException {
        int lines = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CubicRootTest.class.getResourceAsStream("cubic_roots.txt"), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                long a = Long.parseUnsignedLong(f[0]);
                int want = Integer.parseInt(f[1]);
                long exactFloor = Long.parseLong(f[2]);
                assertThat(Cubic.cubicRoot(a)).as("cubic_root(%s)", f[0]).isEqualTo(want);
                assertThat(exactFloor).isEqualTo(floorCbrt(a));
                if (Long.compareUnsigned(a, 1L << 31) >= 0) {
                    // where CUBIC uses it (cube_factor * (W_max - cwnd) >= 2^31): within 0.2%
                    assertThat(Math.abs(want - cbrt(a))).as("error of cubic_root(%s)", f[0]).isLessThanOrEqualTo(cbrt(a) * 0.002);
                }
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(3000);
    }

    @Test
    void smallArgumentsComeStraightFromTheTable() {
        // a < 64: (v[a] + 35) >> 6
        assertThat(Cubic.cubicRoot(0)).isZero();
        assertThat(Cubic.cubicRoot(1)).isEqualTo(1);
        assertThat(Cubic.cubicRoot(7)).isEqualTo(2);
        assertThat(Cubic.cubicRoot(8)).isEqualTo(2);
        assertThat(Cubic.cubicRoot(27)).isEqualTo(3);
        assertThat(Cubic.cubicRoot(63)).isEqualTo(4);
        // the largest argument: cbrt(2^64 - 1) = 2642245.9
        assertThat(Cubic.cubicRoot(-1L)).isBetween(2_642_245 - 5_300, 2_642_245 + 5_300);
    }

    @Property(tries = 2000)
    void withinTwoTenthsOfAPercentOverCubicsRange(@ForAll @LongRange(min = 1L << 31) long a) {
        assertThat(Math.abs(Cubic.cubicRoot(a) - cbrt(a))).isLessThanOrEqualTo(cbrt(a) * 0.002);
    }

    @Property(tries = 1000)
    void perfectCubesComeBackWithinTheSameBound(@ForAll @LongRange(min = 1290, max = 2_097_151) long n) {
        assertThat((double) Math.abs(Cubic.cubicRoot(n * n * n) - n)).isLessThanOrEqualTo(n * 0.002);
    }

    private static double cbrt(long unsigned) {
        return Math.cbrt(new BigInteger(Long.toUnsignedString(unsigned)).doubleValue());
    }

    private static long floorCbrt(long unsigned) {
        BigInteger a = new BigInteger(Long.toUnsignedString(unsigned));
        long x = (long) Math.cbrt(a.doubleValue());
        while (BigInteger.valueOf(x).pow(3).compareTo(a) > 0) {
            x--;
        }
        while (BigInteger.valueOf(x + 1).pow(3).compareTo(a) <= 0) {
            x++;
        }
        return x;
    }
}
