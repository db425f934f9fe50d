package dev.weir.qdisc;

/**
 * netem's "normal" delay distribution table, built the way iproute2's {@code normal.c} builds
 * {@code /usr/lib/tc/normal.dist}: 4096 signed 16-bit values of the standard normal quantile at
 * evenly spaced probabilities (every 4th of 16384 steps, each the largest x whose rounded
 * cumulative probability still falls in its step), scaled by {@link #SCALE} (NETEM_DIST_SCALE).
 * netem picks one per packet and scales it by the jitter. The quantile comes from Acklam's
 * rational approximation (relative error below 1.2e-9, far below the table's resolution).
 */
final class NormalTable {
    static final int SCALE = 8192;
    static final int STEPS = 16384;
    static final short[] TABLE = build();

    private NormalTable() {}

    private static short[] build() {
        short[] t = new short[STEPS / 4];
        for (int k = 0; k < t.length; k++) {
            double x = quantile((4.0 * k + 0.5) / STEPS);
            long v = Math.round(Math.rint(x * SCALE));
            t[k] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return t;
    }

    /** The standard normal quantile function (inverse CDF) for 0 < p < 1. */
    static double quantile(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double pLow = 0.02425;
        if (p < pLow) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - pLow) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
