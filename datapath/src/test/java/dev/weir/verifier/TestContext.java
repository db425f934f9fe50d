package dev.weir.verifier;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.TracePrintFormat;
import dev.weir.api.prog.WireViews;
import dev.weir.api.prog.XdpContext;

/**
 * An XDP context over given frame bytes, for running test programs without a network: packet
 * access, scratch and trace output are real; redirects, tail calls and FIB lookups, which need
 * a stack, report "not supported" (-95, MapError.EOPNOTSUPP).
 */
final class TestContext implements XdpContext {
    final byte[] frame;
    final byte[] scratch = new byte[SCRATCH_SIZE];
    final StringBuilder trace = new StringBuilder();
    private final WireViews views = new WireViews();
    private final FibLookupParams fib = new FibLookupParams();
    long now;

    TestContext(byte[] frame) {
        this.frame = frame;
    }

    /** A frame of {@code length} bytes, byte i = i & 0xFF. */
    static TestContext ofLength(int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) i;
        }
        return new TestContext(p);
    }

    @Override
    public long ktimeNs() {
        return now;
    }

    @Override
    public int randomU32() {
        return 4; // chosen by a fair dice roll
    }

    @Override
    public int cpuId() {
        return 0;
    }

    @Override
    public byte[] scratch() {
        return scratch;
    }

    @Override
    public int ringbufOutput(RingBufMap ring, byte[] src, int off, int len, long flags) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int tracePrint(String fmt, long a, long b, long c) {
        trace.append(TracePrintFormat.format(fmt, a, b, c)).append('\n');
        return 0;
    }

    @Override
    public int tailCall(ProgramArrayMap progs, int index) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int len() {
        return frame.length;
    }

    @Override
    public int loadU8(int off) {
        return frame[off] & 0xFF;
    }

    @Override
    public int loadU16(int off) {
        return (loadU8(off) << 8) | loadU8(off + 1);
    }

    @Override
    public int loadU32(int off) {
        return (loadU16(off) << 16) | loadU16(off + 2);
    }

    @Override
    public long loadU64(int off) {
        return ((long) loadU32(off) << 32) | (loadU32(off + 4) & 0xFFFF_FFFFL);
    }

    @Override
    public int loadBytes(int off, byte[] dst, int dstOff, int len) {
        System.arraycopy(frame, off, dst, dstOff, len);
        return 0;
    }

    @Override
    public byte[] buffer() {
        return frame;
    }

    @Override
    public int dataOffset() {
        return 0;
    }

    @Override
    public int dataEnd() {
        return frame.length;
    }

    @Override
    public WireViews views() {
        return views;
    }

    @Override
    public void storeU8(int off, int v) {
        frame[off] = (byte) v;
    }

    @Override
    public void storeU16(int off, int v) {
        storeU8(off, v >>> 8);
        storeU8(off + 1, v);
    }

    @Override
    public void storeU32(int off, int v) {
        storeU16(off, v >>> 16);
        storeU16(off + 2, v);
    }

    @Override
    public void storeU64(int off, long v) {
        storeU32(off, (int) (v >>> 32));
        storeU32(off + 4, (int) v);
    }

    @Override
    public int storeBytes(int off, byte[] src, int srcOff, int len) {
        System.arraycopy(src, srcOff, frame, off, len);
        return 0;
    }

    @Override
    public int l3ChecksumReplace(int csumOff, int from, int to, int size) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int l4ChecksumReplace(int csumOff, int from, int to, int flags) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int ingressIfindex() {
        return 1;
    }

    @Override
    public int rxQueueIndex() {
        return 0;
    }

    @Override
    public int adjustHead(int delta) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int adjustTail(int delta) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int redirect(int ifindex, long flags) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int redirectMap(DevMap map, int key, long flags) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public FibLookupParams fibParams() {
        return fib;
    }

    @Override
    public int fibLookup(FibLookupParams params, int flags) {
        return MapError.EOPNOTSUPP;
    }
}
