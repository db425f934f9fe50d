package dev.weir.api.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian (network order) loads and stores on byte arrays.
 *
 * <p>Every multi-byte field on the wire is big-endian; these helpers make the byte order
 * explicit at each access, as Agrona's flyweights do. They do no bounds checking beyond the
 * array's own: a header view validates its length once, then reads through these.
 */
public final class Bytes {
    private static final VarHandle U16 =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U32 =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U64 =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    /** The unsigned byte at {@code off}. */
    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    /** The unsigned big-endian 16-bit value at {@code off}. */
    public static int u16(byte[] b, int off) {
        return ((short) U16.get(b, off)) & 0xffff;
    }

    /** The big-endian 32-bit value at {@code off} (as a Java int; use {@link #u32L} for unsigned). */
    public static int i32(byte[] b, int off) {
        return (int) U32.get(b, off);
    }

    /** The unsigned big-endian 32-bit value at {@code off}. */
    public static long u32L(byte[] b, int off) {
        return ((int) U32.get(b, off)) & 0xffff_ffffL;
    }

    /** The big-endian 64-bit value at {@code off}. */
    public static long i64(byte[] b, int off) {
        return (long) U64.get(b, off);
    }

    /** The big-endian 48-bit value at {@code off} (a MAC address). */
    public static long u48(byte[] b, int off) {
        return ((long) u16(b, off) << 32) | u32L(b, off + 2);
    }

    public static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    public static void put16(byte[] b, int off, int v) {
        U16.set(b, off, (short) v);
    }

    public static void put32(byte[] b, int off, int v) {
        U32.set(b, off, v);
    }

    public static void put64(byte[] b, int off, long v) {
        U64.set(b, off, v);
    }

    public static void put48(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 32));
        put32(b, off + 2, (int) v);
    }

    /** Lower-case hex of {@code len} bytes, for messages and tests. */
    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            sb.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
        return sb.toString();
    }

    /** Parses hex (whitespace and ':' ignored) into bytes, for tests and command lines. */
    public static byte[] fromHex(String s) {
        String h = s.replaceAll("[\\s:]", "");
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + h.length());
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(h.charAt(2 * i), 16);
            int lo = Character.digit(h.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit near offset " + (2 * i) + ": " + h.substring(2 * i, 2 * i + 2));
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
