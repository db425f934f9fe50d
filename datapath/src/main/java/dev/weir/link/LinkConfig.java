package dev.weir.link;

import dev.weir.sim.VirtualTime;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one direction of a {@link Link} behaves: the medium (rate, propagation delay, MTU, queue)
 * and the impairments Linux's netem offers (jitter, random and bursty loss, reordering,
 * duplication, corruption). Immutable; build one with {@link #builder()} or change one with
 * {@link #toBuilder()}.
 *
 * <p>The order in which a frame meets them is described on {@link LinkDirection}.
 *
 * @param rateBitsPerSecond line rate; 0 means infinite (no serialisation time)
 * @param overheadBytes bytes added to every frame when computing its serialisation time, as
 *     netem's {@code rate ... packetoverhead}; 24 models Ethernet's preamble, SFD, FCS and
 *     inter-frame gap. Default 0.
 * @param delayNanos propagation delay added after serialisation
 * @param jitterNanos spread of the delay; see {@link Jitter}. Jitter never reorders frames:
 *     a frame is never delivered before one sent ahead of it (see {@link LinkDirection}).
 * @param jitter the distribution of the jitter
 * @param lossProbability Bernoulli loss, each frame independently (netem {@code loss random p})
 * @param burstLoss Gilbert–Elliott loss (netem {@code loss gemodel}), or {@link GilbertElliott#OFF}
 * @param reorderProbability netem {@code reorder}: the probability that a frame skips the
 *     delay and jitter and is delivered as soon as it is serialised, overtaking frames still in
 *     flight. Only takes effect with a delay, as in netem.
 * @param reorderGap netem {@code reorder ... gap N}: when N > 0, only every Nth frame is a
 *     candidate for early delivery; 0 means every frame is
 * @param duplicateProbability probability that a frame arrives twice (the second is a copy)
 * @param corruptProbability probability that one random bit of a frame is flipped on the wire
 * @param mtu largest L3 payload carried: a frame longer than {@code mtu + 14} bytes (18 when it
 *     carries an 802.1Q/802.1ad tag) is dropped as too big
 * @param queueLimitPackets frames that may wait for the line while it is busy (0: none may
 *     wait; the frame on the line is not counted), like a device's txqueuelen
 * @param queueLimitBytes bytes that may wait for the line; {@link #UNLIMITED} for no byte limit
 */
public record LinkConfig(
        long rateBitsPerSecond,
        int overheadBytes,
        long delayNanos,
        long jitterNanos,
        Jitter jitter,
        double lossProbability,
        GilbertElliott burstLoss,
        double reorderProbability,
        int reorderGap,
        double duplicateProbability,
        double corruptProbability,
        int mtu,
        long queueLimitPackets,
        long queueLimitBytes) {

    /** No limit, for the queue limits. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** A perfect, infinitely fast, zero-delay link with an Ethernet MTU and a 1000-frame queue. */
    public static final LinkConfig DEFAULT = builder().build();

    /** How jitter is drawn around the delay. */
    public enum Jitter {
        /** Uniform in {@code [delay - jitter, delay + jitter]}: netem's default distribution. */
        UNIFORM,
        /** Normal with mean {@code delay} and standard deviation {@code jitter} (netem {@code distribution normal}). */
        NORMAL
    }

    /**
     * Gilbert–Elliott two-state loss, with netem's parameters ({@code loss gemodel p r 1-h 1-k}).
     * The chain is in state Good or Bad; a frame sent in Good is lost with probability
     * {@code lossInGood} (1-k), in Bad with {@code lossInBad} (1-h); after each frame the chain
     * moves Good to Bad with probability {@code p} and Bad to Good with {@code r}. With
     * {@code lossInBad = 1} and {@code lossInGood = 0}, losses come in bursts of mean length
     * {@code 1/r} separated by gaps of mean length {@code 1/p}.
     */
    public record GilbertElliott(double p, double r, double lossInBad, double lossInGood) {
        public static final GilbertElliott OFF = new GilbertElliott(0, 1, 1, 0);

        public GilbertElliott {
            checkProbability("gemodel p", p);
            checkProbability("gemodel r", r);
            checkProbability("gemodel 1-h", lossInBad);
            checkProbability("gemodel 1-k", lossInGood);
        }

        /** netem's defaults for the omitted parameters: {@code r = 1 - p}, {@code 1-h = 1}, {@code 1-k = 0}. */
        public static GilbertElliott of(double p) {
            return new GilbertElliott(p, 1 - p, 1, 0);
        }

        /** Simple Gilbert model: bursts of total loss, {@code 1-h = 1}, {@code 1-k = 0}. */
        public static GilbertElliott of(double p, double r) {
            return new GilbertElliott(p, r, 1, 0);
        }

        /** True when the model can lose a frame. */
        public boolean enabled() {
            return lossInGood > 0 || (p > 0 && lossInBad > 0);
        }
    }

    public LinkConfig {
        checkNonNegative("rate", rateBitsPerSecond);
        checkNonNegative("overhead", overheadBytes);
        checkNonNegative("delay", delayNanos);
        checkNonNegative("jitter", jitterNanos);
        if (jitter == null) {
            throw new IllegalArgumentException("link jitter distribution is missing (UNIFORM or NORMAL)");
        }
        if (burstLoss == null) {
            throw new IllegalArgumentException("link burst loss is missing (use GilbertElliott.OFF for none)");
        }
        checkProbability("loss", lossProbability);
        checkProbability("reorder", reorderProbability);
        checkNonNegative("reorder gap", reorderGap);
        checkProbability("duplicate", duplicateProbability);
        checkProbability("corrupt", corruptProbability);
        if (mtu < 68) {
            throw new IllegalArgumentException("link mtu " + mtu + " is below 68, the smallest IPv4 allows (RFC 791)");
        }
        checkNonNegative("queue limit (packets)", queueLimitPackets);
        checkNonNegative("queue limit (bytes)", queueLimitBytes);
    }

    private static void checkNonNegative(String what, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("link " + what + " must not be negative, got " + v);
        }
    }

    private static void checkProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("link " + what + " probability must be in [0, 1], got " + p);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.rate = rateBitsPerSecond;
        b.overhead = overheadBytes;
        b.delay = delayNanos;
        b.jitterNanos = jitterNanos;
        b.jitter = jitter;
        b.loss = lossProbability;
        b.burstLoss = burstLoss;
        b.reorder = reorderProbability;
        b.reorderGap = reorderGap;
        b.duplicate = duplicateProbability;
        b.corrupt = corruptProbability;
        b.mtu = mtu;
        b.limitPackets = queueLimitPackets;
        b.limitBytes = queueLimitBytes;
        return b;
    }

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(bit|bps)", Pattern.CASE_INSENSITIVE);

    /**
     * Parses a rate the way tc does: a number and a unit, {@code bit}, {@code kbit},
     * {@code mbit}, {@code gbit}, {@code tbit} (bits per second, powers of 1000) or {@code bps},
     * {@code kbps}, {@code mbps}, {@code gbps}, {@code tbps} (bytes per second, as in tc).
     * Returns bits per second.
     *
     * @throws IllegalArgumentException naming the text when it is not a rate
     */
    public static long parseRate(String text) {
        Matcher m = text == null ? null : RATE.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("bad rate '" + text + "': expected a number and a unit (bit, kbit, mbit, gbit, tbit, or bps, kbps, ... for bytes per second), e.g. 100mbit");
        }
        long scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            case "t" -> 1_000_000_000_000L;
            default -> 1L;
        };
        if (m.group(3).equalsIgnoreCase("bps")) {
            scale *= 8;
        }
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        try {
            return bits.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bad rate '" + text + "': not a whole number of bits per second, or too large");
        }
    }

    /** Mutable builder; every setter validates when {@link #build()} runs. */
    public static final class Builder {
        private long rate;
        private int overhead;
        private long delay;
        private long jitterNanos;
        private Jitter jitter = Jitter.UNIFORM;
        private double loss;
        private GilbertElliott burstLoss = GilbertElliott.OFF;
        private double reorder;
        private int reorderGap;
        private double duplicate;
        private double corrupt;
        private int mtu = 1500;
        private long limitPackets = 1000;
        private long limitBytes = UNLIMITED;

        private Builder() {}

        /** Line rate in bits per second; 0 for infinite. */
        public Builder rate(long bitsPerSecond) {
            this.rate = bitsPerSecond;
            return this;
        }

        /** Line rate in tc syntax, e.g. {@code "100mbit"}; see {@link LinkConfig#parseRate}. */
        public Builder rate(String tcRate) {
            return rate(parseRate(tcRate));
        }

        public Builder overheadBytes(int bytes) {
            this.overhead = bytes;
            return this;
        }

        public Builder delay(long nanos) {
            this.delay = nanos;
            return this;
        }

        /** Delay as a duration, e.g. {@code "40ms"}; see {@link VirtualTime#parseDuration}. */
        public Builder delay(String duration) {
            return delay(VirtualTime.parseDuration(duration));
        }

        public Builder jitter(long nanos, Jitter distribution) {
            this.jitterNanos = nanos;
            this.jitter = distribution;
            return this;
        }

        public Builder jitter(String duration, Jitter distribution) {
            return jitter(VirtualTime.parseDuration(duration), distribution);
        }

        public Builder loss(double probability) {
            this.loss = probability;
            return this;
        }

        public Builder burstLoss(GilbertElliott model) {
            this.burstLoss = model;
            return this;
        }

        public Builder reorder(double probability, int gap) {
            this.reorder = probability;
            this.reorderGap = gap;
            return this;
        }

        public Builder duplicate(double probability) {
            this.duplicate = probability;
            return this;
        }

        public Builder corrupt(double probability) {
            this.corrupt = probability;
            return this;
        }

        public Builder mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        public Builder queueLimitPackets(long packets) {
            this.limitPackets = packets;
            return this;
        }

        public Builder queueLimitBytes(long bytes) {
            this.limitBytes = bytes;
            return this;
        }

        public LinkConfig build() {
            return new LinkConfig(rate, overhead, delay, jitterNanos, jitter, loss, burstLoss, reorder, reorderGap,
                    duplicate, corrupt, mtu, limitPackets, limitBytes);
        }
    }
}
