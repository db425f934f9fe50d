package dev.weir.js;

import dev.weir.api.maps.DevMap;
import dev.weir.api.maps.MapError;
import dev.weir.api.maps.ProgramArrayMap;
import dev.weir.api.maps.RingBufMap;
import dev.weir.api.prog.FibLookupParams;
import dev.weir.api.prog.WireViews;
import dev.weir.api.prog.XdpAction;
import dev.weir.api.prog.XdpContext;
import dev.weir.api.wire.Bytes;
import dev.weir.api.wire.EtherType;
import dev.weir.api.wire.EthernetRepr;
import dev.weir.api.wire.Ipv4Address;
import dev.weir.api.wire.Ipv4Repr;
import dev.weir.api.wire.IpProtocol;
import dev.weir.api.wire.MacAddress;
import dev.weir.api.wire.UdpRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An XDP context over one frame for tests of programs (until the attach points' test-run context
 * exists): bounds-checked big-endian loads and stores over a receive buffer with Linux's
 * headroom, a seeded random stream, a settable virtual clock, the scratch area, ring-buffer
 * output and trace lines kept in a list. FIB lookups, tail calls and checksum helpers are not
 * modelled here: they return EOPNOTSUPP.
 */
final class TestXdpContext implements XdpContext {
    /** A load or store outside the frame: ends the run, as the contract says. */
    static final class OutOfFrame extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfFrame(int off, int size, int len) {
            super("access of " + size + " bytes at offset " + off + " outside the frame of " + len + " bytes");
        }
    }

    final byte[] buf = new byte[HEADROOM + 2048];
    final byte[] scratch = new byte[SCRATCH_SIZE];
    final List<String> trace = new ArrayList<>();
    private final WireViews views = new WireViews();
    private final SplittableRandom random;
    int data = HEADROOM;
    int end = HEADROOM;
    long now;
    int redirectIfindex;

    TestXdpContext(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Makes {@code frame} the packet. */
    TestXdpContext frame(byte[] frame) {
        data = HEADROOM;
        System.arraycopy(frame, 0, buf, data, frame.length);
        end = data + frame.length;
        return this;
    }

    /** An Ethernet/IPv4/UDP frame from 10.0.0.1:{@code sport} to 10.0.0.2:{@code dport} with {@code payload} bytes. */
    static byte[] udp4(int sport, int dport, int payload) {
        byte[] b = new byte[14 + 20 + 8 + payload];
        new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"), EtherType.IPV4).emit(b, 0);
        new Ipv4Repr(new Ipv4Address(0x0a000001), new Ipv4Address(0x0a000002), IpProtocol.UDP, 64, 8 + payload).emit(b, 14);
        new UdpRepr(sport, dport, 0, payload).emit(b, 34);
        return b;
    }

    private int at(int off, int size) {
        if (off < 0 || off + size > end - data) {
            throw new OutOfFrame(off, size, end - data);
        }
        return data + off;
    }

    @Override
    public int len() {
        return end - data;
    }

    @Override
    public int loadU8(int off) {
        return buf[at(off, 1)] & 0xff;
    }

    @Override
    public int loadU16(int off) {
        return Bytes.u16(buf, at(off, 2));
    }

    @Override
    public int loadU32(int off) {
        return Bytes.i32(buf, at(off, 4));
    }

    @Override
    public long loadU64(int off) {
        return Bytes.i64(buf, at(off, 8));
    }

    @Override
    public int loadBytes(int off, byte[] dst, int dstOff, int len) {
        if (off < 0 || len < 0 || off + len > end - data || dst == null || dstOff < 0 || dstOff + len > dst.length) {
            return MapError.EFAULT;
        }
        System.arraycopy(buf, data + off, dst, dstOff, len);
        return MapError.OK;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int dataOffset() {
        return data;
    }

    @Override
    public int dataEnd() {
        return end;
    }

    @Override
    public WireViews views() {
        return views;
    }

    @Override
    public void storeU8(int off, int v) {
        buf[at(off, 1)] = (byte) v;
    }

    @Override
    public void storeU16(int off, int v) {
        Bytes.put16(buf, at(off, 2), v);
    }

    @Override
    public void storeU32(int off, int v) {
        Bytes.put32(buf, at(off, 4), v);
    }

    @Override
    public void storeU64(int off, long v) {
        Bytes.put64(buf, at(off, 8), v);
    }

    @Override
    public int storeBytes(int off, byte[] src, int srcOff, int len) {
        if (off < 0 || len < 0 || off + len > end - data || src == null || srcOff < 0 || srcOff + len > src.length) {
            return MapError.EFAULT;
        }
        System.arraycopy(src, srcOff, buf, data + off, len);
        return MapError.OK;
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
    public long ktimeNs() {
        return now;
    }

    @Override
    public int randomU32() {
        return random.nextInt();
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
        return ring.output(src, off, len, flags);
    }

    @Override
    public int tracePrint(String fmt, long a, long b, long c) {
        trace.add(fmt + " " + a + " " + b + " " + c);
        return MapError.OK;
    }

    @Override
    public int tailCall(ProgramArrayMap progs, int index) {
        return MapError.EOPNOTSUPP;
    }

    @Override
    public int ingressIfindex() {
        return 2;
    }

    @Override
    public int rxQueueIndex() {
        return 0;
    }

    @Override
    public int adjustHead(int delta) {
        int nd = data + delta;
        if (nd < 0 || end - nd < 14) {
            return MapError.EINVAL;
        }
        data = nd;
        return MapError.OK;
    }

    @Override
    public int adjustTail(int delta) {
        int ne = end + delta;
        if (ne - data < 14 || ne > buf.length) {
            return MapError.EINVAL;
        }
        if (delta > 0) {
            java.util.Arrays.fill(buf, end, ne, (byte) 0);
        }
        end = ne;
        return MapError.OK;
    }

    @Override
    public int redirect(int ifindex, long flags) {
        if (flags != 0) {
            return XdpAction.ABORTED;
        }
        redirectIfindex = ifindex;
        return XdpAction.REDIRECT;
    }

    @Override
    public int redirectMap(DevMap map, int key, long flags) {
        int ifindex = map.lookupIfindex(key);
        if (ifindex == 0) {
            return (int) (flags & 3);
        }
        redirectIfindex = ifindex;
        return XdpAction.REDIRECT;
    }

    @Override
    public FibLookupParams fibParams() {
        return null;
    }

    @Override
    public int fibLookup(FibLookupParams params, int flags) {
        return MapError.EOPNOTSUPP;
    }
}
