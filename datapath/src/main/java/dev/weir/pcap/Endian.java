package dev.weir.pcap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Loads in either byte order and little-endian stores, for capture files. Unlike the wire
 * formats (always big-endian, see {@code dev.weir.api.wire.Bytes}), a capture file is written in
 * its writer's byte order and says which in its header; Weir writes little-endian, the order
 * of nearly every capture file in use. No bounds checks beyond the array's own: callers check
 * lengths first.
 */
final class Endian {
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Endian() {}

    static int u16(byte[] b, int off, boolean bigEndian) {
        return (bigEndian ? (short) BE16.get(b, off) : (short) LE16.get(b, off)) & 0xffff;
    }

    static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (int) BE32.get(b, off) : (int) LE32.get(b, off);
    }

    static long u32(byte[] b, int off, boolean bigEndian) {
        return i32(b, off, bigEndian) & 0xffff_ffffL;
    }

    static long i64(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (long) BE64.get(b, off) : (long) LE64.get(b, off);
    }

    static void put16(byte[] b, int off, int v) {
        LE16.set(b, off, (short) v);
    }

    static void put32(byte[] b, int off, int v) {
        LE32.set(b, off, v);
    }

    static void put64(byte[] b, int off, long v) {
        LE64.set(b, off, v);
    }
}
