package dev.weir.api.wire;

import java.util.Arrays;

/**
 * An immutable run of bytes with value equality, for records that keep bytes verbatim: IPv4
 * options, ICMP data and quoted datagrams, unknown options. Arrays in records compare by
 * identity; this compares by content, so parsed records can be compared with {@code equals}.
 *
 * <p>Slow-path only: views never create these; a record's {@code parse} copies the bytes once.
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code len} bytes at {@code off}. */
    public static Octets copyOf(byte[] b, int off, int len) {
        return len == 0 ? EMPTY : new Octets(Arrays.copyOfRange(b, off, off + len));
    }

    /** A copy of the whole array. */
    public static Octets copyOf(byte[] b) {
        return copyOf(b, 0, b.length);
    }

    /** Parses hex as {@link Bytes#fromHex} does. */
    public static Octets fromHex(String hex) {
        return copyOf(Bytes.fromHex(hex));
    }

    /** {@code n} zero bytes. */
    public static Octets zeros(int n) {
        return n == 0 ? EMPTY : new Octets(new byte[n]);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The unsigned byte at {@code i}. */
    public int get(int i) {
        return bytes[i] & 0xff;
    }

    /** Copies all bytes to {@code dst} at {@code off}; returns the number copied. */
    public int copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
        return bytes.length;
    }

    /** True when every byte is zero (reserved fields, padding). */
    public boolean isAllZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public String hex() {
        return Bytes.hex(bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Hex, shortened past 64 bytes, for record printing and test failures. */
    @Override
    public String toString() {
        if (bytes.length <= 64) {
            return "[" + hex() + "]";
        }
        return "[" + Bytes.hex(bytes, 0, 64) + "... (" + bytes.length + " bytes)]";
    }
}
