package dev.weir.pcap;

import java.math.BigInteger;

/**
 * An interface a pcapng section describes (one Interface Description Block), as the reader
 * found it.
 *
 * @param id the interface's number within its section (IDB order, from 0)
 * @param linkType the link-layer header type of its packets ({@link LinkType})
 * @param snaplen the snap length (unsigned; 0 means none)
 * @param name {@code if_name}, or null
 * @param description {@code if_description}, or null
 * @param tsresol the raw {@code if_tsresol} byte: high bit clear, 10^-n seconds; set, 2^-n;
 *     {@value Pcapng#DEFAULT_TSRESOL} (microseconds) when the IDB has none
 * @param tsOffsetSeconds {@code if_tsoffset}, seconds added to every timestamp (0 when absent)
 */
public record PcapngInterface(int id, int linkType, long snaplen, String name, String description, int tsresol,
        long tsOffsetSeconds) {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    /**
     * Converts a timestamp of this interface (unsigned units of {@code if_tsresol}) to
     * nanoseconds since the epoch, with {@code if_tsoffset} applied, rounding down.
     *
     * @throws ArithmeticException if the result does not fit a signed 64-bit count of nanoseconds
     *     (beyond the year 2262)
     */
    public long toNanos(long units) {
        boolean binary = (tsresol & 0x80) != 0;
        int exponent = tsresol & 0x7f;
        long nanos;
        if (!binary && exponent == 9 && units >= 0) {
            nanos = units;
        } else if (!binary && exponent == 6 && units >= 0 && units <= Long.MAX_VALUE / 1_000) {
            nanos = units * 1_000;
        } else {
            BigInteger scaled = new BigInteger(Long.toUnsignedString(units)).multiply(NANOS_PER_SECOND);
            BigInteger result = binary ? scaled.shiftRight(exponent) : scaled.divide(BigInteger.TEN.pow(exponent));
            nanos = result.longValueExact();
        }
        return tsOffsetSeconds == 0 ? nanos : Math.addExact(nanos, Math.multiplyExact(tsOffsetSeconds, 1_000_000_000L));
    }

    /** The timestamp resolution in words: "10^-6 s" or "2^-20 s". */
    public String resolution() {
        return ((tsresol & 0x80) != 0 ? "2^-" : "10^-") + (tsresol & 0x7f) + " s";
    }
}
