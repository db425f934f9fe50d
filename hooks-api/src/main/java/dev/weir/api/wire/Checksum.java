package dev.weir.api.wire;

/**
 * The Internet checksum (RFC 1071), the IPv4 and IPv6 pseudo-headers that TCP, UDP and ICMPv6
 * cover, and incremental update (RFC 1624) for programs that rewrite a field (NAT) and must not
 * recompute a whole checksum.
 *
 * <p>Partial sums are carried as {@code long} accumulators of 16-bit big-endian words, not yet
 * folded; {@link #fold} reduces one to 16 bits and {@link #finish} complements it into the value
 * that goes on the wire. A datagram verifies when the sum over it (checksum field included, plus
 * the pseudo-header where one applies) folds to {@code 0xffff}.
 *
 * <pre>{@code
 * long s = Checksum.pseudoHeaderV4(src, dst, IpProtocol.UDP, udpLen);
 * s = Checksum.add(s, buf, udpOff, udpLen);
 * boolean ok = Checksum.fold(s) == 0xffff;
 * }</pre>
 */
public final class Checksum {
    private Checksum() {}

    /**
     * Adds {@code len} bytes at {@code off} to the partial sum {@code acc}. The data is taken as
     * big-endian 16-bit words; an odd last byte is padded with a zero byte (RFC 1071 section 4.1).
     * The block must start on an even offset relative to whatever else {@code acc} already holds.
     */
    public static long add(long acc, byte[] b, int off, int len) {
        long sum = acc;
        int i = off;
        int end = off + len;
        // 32-bit words summed into a 64-bit accumulator: the one's-complement sum is the same
        // whatever word size adds it, once folded (RFC 1071 section 2 (B)).
        while (end - i >= 16) {
            long a = Bytes.i64(b, i);
            long c = Bytes.i64(b, i + 8);
            sum += (a >>> 32) + (a & 0xffff_ffffL) + (c >>> 32) + (c & 0xffff_ffffL);
            i += 16;
        }
        while (end - i >= 4) {
            sum += Bytes.u32L(b, i);
            i += 4;
        }
        if (end - i >= 2) {
            sum += Bytes.u16(b, i);
            i += 2;
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Adds one 16-bit word. */
    public static long add16(long acc, int word) {
        return acc + (word & 0xffff);
    }

    /** Adds a 32-bit value as two 16-bit words. */
    public static long add32(long acc, int value) {
        return acc + (value >>> 16) + (value & 0xffff);
    }

    /** Reduces a partial sum to 16 bits with end-around carry. */
    public static int fold(long acc) {
        long s = acc;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum field value for a partial sum: the complement of its fold. */
    public static int finish(long acc) {
        return ~fold(acc) & 0xffff;
    }

    /** The Internet checksum of {@code len} bytes: what goes in a checksum field that was zero when summed. */
    public static int internet(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /** True when the bytes (checksum field included) sum to all ones. */
    public static boolean verifies(byte[] b, int off, int len) {
        return fold(add(0, b, off, len)) == 0xffff;
    }

    /** The IPv4 pseudo-header of TCP and UDP (RFC 793 section 3.1, RFC 768): addresses, zero, protocol, length. */
    public static long pseudoHeaderV4(int src, int dst, int protocol, int length) {
        long s = 0;
        s = add32(s, src);
        s = add32(s, dst);
        s += protocol & 0xff;
        s += length & 0xffff;
        return s;
    }

    /** The IPv6 pseudo-header (RFC 8200 section 8.1): addresses, upper-layer length (32 bits), next header. */
    public static long pseudoHeaderV6(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int length) {
        long s = 0;
        s = add64(s, srcHi);
        s = add64(s, srcLo);
        s = add64(s, dstHi);
        s = add64(s, dstLo);
        s = add32(s, length);
        s += nextHeader & 0xff;
        return s;
    }

    private static long add64(long acc, long v) {
        return acc + (v >>> 48) + ((v >>> 32) & 0xffff) + ((v >>> 16) & 0xffff) + (v & 0xffff);
    }

    /**
     * RFC 1624 equation 3: the new checksum after one 16-bit word of the covered data changes
     * from {@code oldWord} to {@code newWord}: {@code HC' = ~(~HC + ~m + m')}.
     */
    public static int update16(int checksum, int oldWord, int newWord) {
        long s = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(s) & 0xffff;
    }

    /** RFC 1624 for a 32-bit field (an IPv4 address rewritten by NAT): two words at once. */
    public static int update32(int checksum, int oldValue, int newValue) {
        long s = (~checksum & 0xffff)
                + (~(oldValue >>> 16) & 0xffff) + (~oldValue & 0xffff)
                + ((newValue >>> 16) & 0xffff) + (newValue & 0xffff);
        return ~fold(s) & 0xffff;
    }

    /** RFC 1624 for a 128-bit field (an IPv6 address rewritten by NAT66), as Linux's inet_proto_csum_replace16. */
    public static int update128(int checksum, long oldHi, long oldLo, long newHi, long newLo) {
        long s = ~checksum & 0xffff;
        s += add64(0, ~oldHi) + add64(0, ~oldLo);
        s += add64(0, newHi) + add64(0, newLo);
        return ~fold(s) & 0xffff;
    }
}
