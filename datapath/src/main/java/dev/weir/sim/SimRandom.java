package dev.weir.sim;

/**
 * The seeded random source of a simulation, and of each component in it.
 *
 * <p><b>Splitting.</b> Each component draws from its own stream, {@code parent.split(name)},
 * whose seed is derived from the parent's <em>seed</em> and a stable 64-bit hash of the name
 * (FNV-1a over the characters, then SplitMix64's finaliser). A child therefore depends only on
 * the root seed and its path of names: not on how many numbers the parent or any sibling has
 * drawn, nor on the order in which components were created. Adding a component leaves every
 * other component's numbers unchanged.
 *
 * <p><b>Generator.</b> xoshiro256** (Blackman and Vigna), its state filled from the seed by
 * SplitMix64 as its authors recommend. Every derived distribution is computed here from
 * {@link #nextLong()} with {@link StrictMath}, so sequences are the same on every JVM and
 * platform. Nothing here uses {@code java.util.Random} or the wall clock.
 *
 * <p>Not thread-safe; one stream belongs to one component.
 */
public final class SimRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long seed;
    private final String name;
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** The root stream of a simulation run with {@code seed}. */
    public SimRandom(long seed) {
        this(seed, "root");
    }

    private SimRandom(long seed, String name) {
        this.seed = seed;
        this.name = name;
        long x = seed;
        s0 = mix64(x += GOLDEN_GAMMA);
        s1 = mix64(x += GOLDEN_GAMMA);
        s2 = mix64(x += GOLDEN_GAMMA);
        s3 = mix64(x + GOLDEN_GAMMA);
    }

    /** The seed this stream started from. */
    public long seed() {
        return seed;
    }

    /** The path of names from the root, e.g. {@code root/link:a-b:a->b/loss}. */
    public String name() {
        return name;
    }

    /**
     * A child stream named {@code name}: a function of this stream's seed and the name only.
     * Two splits with the same name give the same numbers, so each component must use its own.
     */
    public SimRandom split(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a random stream split from '" + this.name + "' needs a non-empty name");
        }
        return new SimRandom(mix64(seed ^ mix64(fnv1a(name))), this.name + "/" + name);
    }

    /** SplitMix64's finaliser (Stafford's Mix13): a bijection that spreads every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return h;
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt bound must be positive, got " + bound);
        }
        return (int) nextLong(bound);
    }

    /** Uniform in {@code [0, bound)}, without modulo bias (rejects the short last stripe). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextLong bound must be positive, got " + bound);
        }
        long m = bound - 1;
        if ((bound & m) == 0) {
            return nextLong() & m;
        }
        long u = nextLong() >>> 1;
        long r;
        while (u - (r = u % bound) + m < 0) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p} ({@code 0 <= p <= 1}); always draws one number. */
    public boolean nextBoolean(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        return nextDouble() < p;
    }

    /** Standard normal (mean 0, deviation 1), by Marsaglia's polar method. */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpareGaussian = true;
        return u * f;
    }

    /** Normal with the given mean and standard deviation. */
    public double nextGaussian(double mean, double stddev) {
        return mean + stddev * nextGaussian();
    }

    /** Exponential with mean 1 (rate 1), by inversion. */
    public double nextExponential() {
        return -StrictMath.log(1.0 - nextDouble());
    }

    /** Exponential with the given mean. */
    public double nextExponential(double mean) {
        return mean * nextExponential();
    }

    @Override
    public String toString() {
        return "SimRandom[" + name + ", seed " + seed + "]";
    }
}
